package io.jcrun.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A classic BPF interpreter for seccomp programs, as strict as the kernel's checker ({@code
 * bpf_check_classic} plus {@code seccomp_check_filter}): it knows only the opcodes the compiler may
 * emit, so a code generator bug cannot hide behind a lenient interpreter, and it checks every jump
 * target and the final ret before running anything.
 */
final class BpfInterpreter {
  /** {@code struct seccomp_data}: 64 bytes on every architecture. */
  record SeccompData(int nr, int arch, long instructionPointer, long... args) {
    SeccompData {
      if (args.length > 6) {
        throw new IllegalArgumentException("seccomp_data holds 6 args");
      }
      args = java.util.Arrays.copyOf(args, 6);
    }

    /** The struct as the kernel lays it out on a little-endian host. */
    ByteBuffer bytes() {
      ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      buffer.putInt(nr).putInt(arch).putLong(instructionPointer);
      for (long arg : args) {
        buffer.putLong(arg);
      }
      return buffer.flip();
    }
  }

  private BpfInterpreter() {}

  /** Runs {@code program} on {@code data} and returns the filter's 32-bit result. */
  static int run(byte[] program, SeccompData data) {
    List<BpfInstruction> insns = BpfInstruction.decode(program);
    check(insns);
    ByteBuffer input = data.bytes();
    int a = 0;
    int pc = 0;
    while (true) {
      BpfInstruction insn = insns.get(pc);
      switch (insn.code()) {
        case BpfInstruction.LD_W_ABS -> {
          a = input.getInt(insn.k());
          pc++;
        }
        case BpfInstruction.ALU_AND_K -> {
          a &= insn.k();
          pc++;
        }
        case BpfInstruction.JMP_JA -> pc += 1 + insn.k();
        case BpfInstruction.JMP_JEQ_K -> pc += 1 + (a == insn.k() ? insn.jt() : insn.jf());
        case BpfInstruction.JMP_JGT_K ->
            pc += 1 + (Integer.compareUnsigned(a, insn.k()) > 0 ? insn.jt() : insn.jf());
        case BpfInstruction.JMP_JGE_K ->
            pc += 1 + (Integer.compareUnsigned(a, insn.k()) >= 0 ? insn.jt() : insn.jf());
        case BpfInstruction.RET_K -> {
          return insn.k();
        }
        default -> throw new AssertionError("unreachable: checked opcodes");
      }
    }
  }

  /** The kernel's static checks, limited to the opcodes seccomp programs here use. */
  static void check(List<BpfInstruction> insns) {
    if (insns.isEmpty() || insns.size() > BpfInstruction.MAX_INSTRUCTIONS) {
      throw new IllegalArgumentException("program length " + insns.size() + " not in [1, 4096]");
    }
    for (int pc = 0; pc < insns.size(); pc++) {
      BpfInstruction insn = insns.get(pc);
      switch (insn.code()) {
        case BpfInstruction.LD_W_ABS -> {
          // seccomp_check_filter: only aligned words inside struct seccomp_data.
          if (insn.k() < 0 || insn.k() > 60 || insn.k() % 4 != 0) {
            throw new IllegalArgumentException(pc + ": bad load offset " + insn.k());
          }
          requireNoJumpFields(insn, pc);
        }
        case BpfInstruction.ALU_AND_K, BpfInstruction.RET_K -> requireNoJumpFields(insn, pc);
        case BpfInstruction.JMP_JA -> {
          requireNoJumpFields(insn, pc);
          requireTarget(pc, Integer.toUnsignedLong(insn.k()), insns.size());
        }
        case BpfInstruction.JMP_JEQ_K, BpfInstruction.JMP_JGT_K, BpfInstruction.JMP_JGE_K -> {
          requireTarget(pc, insn.jt(), insns.size());
          requireTarget(pc, insn.jf(), insns.size());
        }
        default ->
            throw new IllegalArgumentException(
                pc + ": opcode 0x" + Integer.toHexString(insn.code()) + " not expected");
      }
    }
    if (insns.getLast().code() != BpfInstruction.RET_K) {
      throw new IllegalArgumentException("last instruction is not a ret");
    }
  }

  private static void requireNoJumpFields(BpfInstruction insn, int pc) {
    if (insn.jt() != 0 || insn.jf() != 0) {
      throw new IllegalArgumentException(pc + ": jt/jf set on a non-conditional instruction");
    }
  }

  private static void requireTarget(int pc, long offset, int size) {
    if (pc + 1 + offset >= size) {
      throw new IllegalArgumentException(pc + ": jump past the end (offset " + offset + ")");
    }
  }
}
