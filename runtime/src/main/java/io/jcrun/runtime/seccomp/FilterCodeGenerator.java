package io.jcrun.runtime.seccomp;

import io.jcrun.runtime.seccomp.BpfAssembler.Label;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns per-architecture syscall decisions into a classic BPF program over {@code struct
 * seccomp_data {int nr; u32 arch; u64 instruction_pointer; u64 args[6];}}:
 *
 * <pre>
 *   ld  arch
 *   jeq AUDIT_ARCH_A  → A        one check per architecture, in filter order
 *   jeq AUDIT_ARCH_B  → B
 *   ret bad-arch action
 * A:
 *   ld  nr
 *   binary search (jge) over the starts of A's syscall number ranges
 *     → leaf: ret, or argument checks then ret
 * B: ...
 * </pre>
 *
 * A lookup takes about log2(ranges) comparisons: Docker's default profile makes 165 ranges for
 * x86_64 and x32 together, so 8 comparisons, where a linear list of its ~350 syscalls takes up to
 * 350. A leaf that needs more than a ret and serves several ranges is emitted once, after the
 * search. Stateless.
 */
final class FilterCodeGenerator {
  private static final int OFFSET_NR = 0;
  private static final int OFFSET_ARCH = 4;

  /** seccomp_data.args[i] starts here; on little-endian hosts the low word comes first. */
  private static final int OFFSET_ARGS = 16;

  private FilterCodeGenerator() {}

  /** The program for {@code archs}, returning {@code badArchValue} for any other arch. */
  static List<BpfInstruction> generate(List<ArchFilter> archs, int badArchValue) {
    BpfAssembler asm = new BpfAssembler();
    asm.load(OFFSET_ARCH);
    List<Label> archLabels = new ArrayList<>();
    Label badArch = asm.newLabel();
    for (int i = 0; i < archs.size(); i++) {
      Label archLabel = asm.newLabel();
      archLabels.add(archLabel);
      Label next = i + 1 < archs.size() ? asm.newLabel() : badArch;
      asm.jumpIf(BpfInstruction.JMP_JEQ_K, archs.get(i).auditArch(), archLabel, next);
      if (next != badArch) {
        asm.bind(next);
      }
    }
    asm.bind(badArch);
    asm.ret(badArchValue);
    for (int i = 0; i < archs.size(); i++) {
      asm.bind(archLabels.get(i));
      new ArchCode(asm, archs.get(i)).emit();
    }
    return asm.assemble();
  }

  /** Emits the lookup of one architecture. */
  private static final class ArchCode {
    private final BpfAssembler asm;
    private final ArchFilter arch;
    private final List<Map.Entry<Long, SyscallDecision>> ranges;

    /** Argument-checking decisions used by several ranges, emitted once after the lookup. */
    private final Map<SyscallDecision, Label> shared = new LinkedHashMap<>();

    ArchCode(BpfAssembler asm, ArchFilter arch) {
      this.asm = asm;
      this.arch = arch;
      this.ranges = new ArrayList<>(arch.ranges().entrySet());
      Map<SyscallDecision, Integer> uses = new HashMap<>();
      for (SyscallDecision decision : arch.ranges().values()) {
        if (!decision.isConstant()) {
          uses.merge(decision, 1, Integer::sum);
        }
      }
      // In range order, so that the program does not depend on hash order.
      for (SyscallDecision decision : arch.ranges().values()) {
        if (uses.getOrDefault(decision, 0) > 1 && !shared.containsKey(decision)) {
          shared.put(decision, asm.newLabel());
        }
      }
    }

    void emit() {
      asm.load(OFFSET_NR);
      search(0, ranges.size() - 1);
      for (Map.Entry<SyscallDecision, Label> body : shared.entrySet()) {
        asm.bind(body.getValue());
        decide(body.getKey());
      }
    }

    /** Binary search over ranges lo..hi (inclusive), the syscall number in A. */
    private void search(int lo, int hi) {
      if (lo == hi) {
        SyscallDecision decision = ranges.get(lo).getValue();
        Label body = shared.get(decision);
        if (body != null) {
          asm.jump(body);
        } else {
          decide(decision);
        }
        return;
      }
      int mid = (lo + hi + 1) >>> 1;
      Label low = asm.newLabel();
      Label high = asm.newLabel();
      asm.jumpIf(BpfInstruction.JMP_JGE_K, (int) (long) ranges.get(mid).getKey(), high, low);
      asm.bind(low);
      search(lo, mid - 1);
      asm.bind(high);
      search(mid, hi);
    }

    /** The first branch whose conditions hold returns its value; if none, {@code otherwise}. */
    private void decide(SyscallDecision decision) {
      for (SyscallDecision.Branch branch : decision.branches()) {
        Label nextBranch = asm.newLabel();
        for (ArgCondition condition : branch.conditions()) {
          Label holds = asm.newLabel();
          compare(condition, holds, nextBranch);
          asm.bind(holds);
        }
        asm.ret(branch.returnValue());
        asm.bind(nextBranch);
      }
      asm.ret(decision.otherwise());
    }

    /**
     * Compares a 64-bit argument as two 32-bit words, the high word first: when the high words
     * differ they decide alone, when they are equal the low words decide. On 32-bit ABIs only the
     * low word is compared, like libseccomp's {@code _db_rule_gen_32}.
     */
    private void compare(ArgCondition c, Label holds, Label fails) {
      int lowOffset = OFFSET_ARGS + 8 * c.index();
      int highOffset = lowOffset + 4;
      int lowValue = (int) c.value();
      int highValue = (int) (c.value() >>> 32);
      if (c.op() == CompareOp.SCMP_CMP_MASKED_EQ) {
        // A word whose mask is 0 always matches (libseccomp skips it too); the compiler
        // already dropped conditions whose whole mask is 0.
        int lowExpected = (int) c.valueTwo();
        int highExpected = (int) (c.valueTwo() >>> 32);
        boolean checkLow = lowValue != 0;
        if (!arch.args32() && highValue != 0) {
          Label next = checkLow ? asm.newLabel() : holds;
          maskedEquals(highOffset, highValue, highExpected, next, fails);
          if (checkLow) {
            asm.bind(next);
          }
        }
        if (checkLow) {
          maskedEquals(lowOffset, lowValue, lowExpected, holds, fails);
        }
        return;
      }
      if (!arch.args32()) {
        asm.load(highOffset);
        Label lowWord = asm.newLabel();
        switch (c.op()) {
          case SCMP_CMP_EQ -> asm.jumpIf(BpfInstruction.JMP_JEQ_K, highValue, lowWord, fails);
          case SCMP_CMP_NE -> asm.jumpIf(BpfInstruction.JMP_JEQ_K, highValue, lowWord, holds);
          case SCMP_CMP_GT, SCMP_CMP_GE -> {
            Label equal = asm.newLabel();
            asm.jumpIf(BpfInstruction.JMP_JGT_K, highValue, holds, equal);
            asm.bind(equal);
            asm.jumpIf(BpfInstruction.JMP_JEQ_K, highValue, lowWord, fails);
          }
          case SCMP_CMP_LT, SCMP_CMP_LE -> {
            Label equal = asm.newLabel();
            asm.jumpIf(BpfInstruction.JMP_JGT_K, highValue, fails, equal);
            asm.bind(equal);
            asm.jumpIf(BpfInstruction.JMP_JEQ_K, highValue, lowWord, holds);
          }
          case SCMP_CMP_MASKED_EQ -> throw new AssertionError("handled above");
        }
        asm.bind(lowWord);
      }
      asm.load(lowOffset);
      switch (c.op()) {
        case SCMP_CMP_EQ -> asm.jumpIf(BpfInstruction.JMP_JEQ_K, lowValue, holds, fails);
        case SCMP_CMP_NE -> asm.jumpIf(BpfInstruction.JMP_JEQ_K, lowValue, fails, holds);
        case SCMP_CMP_GT -> asm.jumpIf(BpfInstruction.JMP_JGT_K, lowValue, holds, fails);
        case SCMP_CMP_GE -> asm.jumpIf(BpfInstruction.JMP_JGE_K, lowValue, holds, fails);
        case SCMP_CMP_LT -> asm.jumpIf(BpfInstruction.JMP_JGE_K, lowValue, fails, holds);
        case SCMP_CMP_LE -> asm.jumpIf(BpfInstruction.JMP_JGT_K, lowValue, fails, holds);
        case SCMP_CMP_MASKED_EQ -> throw new AssertionError("handled above");
      }
    }

    private void maskedEquals(int offset, int mask, int expected, Label holds, Label fails) {
      asm.load(offset);
      if (mask != 0xffff_ffff) {
        asm.and(mask);
      }
      asm.jumpIf(BpfInstruction.JMP_JEQ_K, expected & mask, holds, fails);
    }
  }
}
