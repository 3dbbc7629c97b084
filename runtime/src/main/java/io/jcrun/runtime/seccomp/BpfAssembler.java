package io.jcrun.runtime.seccomp;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a classic BPF program from instructions whose jumps name {@link Label}s, then resolves the
 * labels into offsets. Classic BPF only jumps forward, and a conditional jump only 255
 * instructions: a conditional jump to a farther label is rewritten to go through a {@code BPF_JA}
 * trampoline (32-bit offset) placed right after it, as libseccomp's {@code _gen_bpf_build_jmp}
 * does. Single use.
 */
final class BpfAssembler {
  /** A jump target, bound to the next instruction emitted after {@link #bind}. */
  static final class Label {}

  /** An instruction being assembled: jt/jf (conditional) or k (BPF_JA) still as labels. */
  private static final class Pending {
    final int code;
    final int k;
    Label jt;
    Label jf;
    final Label target;

    Pending(int code, int k, Label jt, Label jf, Label target) {
      this.code = code;
      this.k = k;
      this.jt = jt;
      this.jf = jf;
      this.target = target;
    }
  }

  private final List<Pending> program = new ArrayList<>();
  private final Map<Label, Pending> bound = new IdentityHashMap<>();
  private final List<Label> toBind = new ArrayList<>();

  Label newLabel() {
    return new Label();
  }

  /** Binds {@code label} to the next instruction emitted. */
  void bind(Label label) {
    if (bound.containsKey(label) || toBind.contains(label)) {
      throw new IllegalStateException("BPF label bound twice");
    }
    toBind.add(label);
  }

  /** {@code A = seccomp_data[offset]} (a 32-bit word). */
  void load(int offset) {
    emit(new Pending(BpfInstruction.LD_W_ABS, offset, null, null, null));
  }

  /** {@code A &= mask}. */
  void and(int mask) {
    emit(new Pending(BpfInstruction.ALU_AND_K, mask, null, null, null));
  }

  /** {@code return value}. */
  void ret(int value) {
    emit(new Pending(BpfInstruction.RET_K, value, null, null, null));
  }

  /** Unconditional jump to {@code target}. */
  void jump(Label target) {
    emit(new Pending(BpfInstruction.JMP_JA, 0, null, null, target));
  }

  /** Conditional jump ({@code JMP_JEQ_K}, {@code JMP_JGT_K} or {@code JMP_JGE_K} with k). */
  void jumpIf(int code, int k, Label ifTrue, Label ifFalse) {
    emit(new Pending(code, k, ifTrue, ifFalse, null));
  }

  /**
   * Resolves every label and returns the program.
   *
   * @throws IllegalStateException if a label is unbound or a jump goes backwards, both bugs of the
   *     code generator
   */
  List<BpfInstruction> assemble() {
    if (!toBind.isEmpty()) {
      throw new IllegalStateException("BPF label bound after the last instruction");
    }
    // Inserting a trampoline moves later instructions, which can push another jump out of
    // range, so repeat until every conditional jump fits. Offsets only grow, so this ends.
    Map<Pending, Integer> index = indexes();
    for (int i = 0; i < program.size(); i++) {
      Pending insn = program.get(i);
      if (insn.jt == null) {
        continue;
      }
      boolean inserted = false;
      if (offset(index, i, insn.jf) > BpfInstruction.MAX_JUMP) {
        insn.jf = insertTrampoline(i, insn.jf);
        inserted = true;
      }
      if (offset(index, i, insn.jt) > BpfInstruction.MAX_JUMP) {
        insn.jt = insertTrampoline(i, insn.jt);
        inserted = true;
      }
      if (inserted) {
        index = indexes();
        i = -1;
      }
    }
    List<BpfInstruction> out = new ArrayList<>(program.size());
    for (int i = 0; i < program.size(); i++) {
      Pending insn = program.get(i);
      if (insn.target != null) {
        out.add(new BpfInstruction(insn.code, 0, 0, offset(index, i, insn.target)));
      } else if (insn.jt != null) {
        out.add(
            new BpfInstruction(
                insn.code, offset(index, i, insn.jt), offset(index, i, insn.jf), insn.k));
      } else {
        out.add(new BpfInstruction(insn.code, 0, 0, insn.k));
      }
    }
    return out;
  }

  private void emit(Pending insn) {
    program.add(insn);
    for (Label label : toBind) {
      bound.put(label, insn);
    }
    toBind.clear();
  }

  /** Puts {@code BPF_JA target} right after instruction {@code at}; returns its label. */
  private Label insertTrampoline(int at, Label target) {
    Label trampoline = new Label();
    Pending jump = new Pending(BpfInstruction.JMP_JA, 0, null, null, target);
    program.add(at + 1, jump);
    bound.put(trampoline, jump);
    return trampoline;
  }

  private Map<Pending, Integer> indexes() {
    Map<Pending, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < program.size(); i++) {
      index.put(program.get(i), i);
    }
    return index;
  }

  private int offset(Map<Pending, Integer> index, int from, Label to) {
    Pending target = bound.get(to);
    if (target == null) {
      throw new IllegalStateException("BPF label never bound");
    }
    int offset = index.get(target) - from - 1;
    if (offset < 0) {
      throw new IllegalStateException("BPF jump backwards from instruction " + from);
    }
    return offset;
  }
}
