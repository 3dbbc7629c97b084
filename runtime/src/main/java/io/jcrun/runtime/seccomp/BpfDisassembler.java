package io.jcrun.runtime.seccomp;

import java.util.List;

/**
 * Prints a seccomp BPF program one instruction per line, in the format of libseccomp's {@code
 * scmp_bpf_disasm}: line, raw code/jt/jf/k, then the decoded instruction with jump targets as
 * absolute lines and return values as actions. Stateless.
 */
public final class BpfDisassembler {
  private BpfDisassembler() {}

  /** The listing of {@code program} (little-endian sock_filter structs). */
  public static String disassemble(byte[] program) {
    List<BpfInstruction> instructions = BpfInstruction.decode(program);
    StringBuilder out = new StringBuilder();
    out.append(" line  OP   JT   JF   K\n");
    out.append("=================================\n");
    for (int line = 0; line < instructions.size(); line++) {
      BpfInstruction insn = instructions.get(line);
      out.append(
          String.format(
              " %04d: 0x%02x 0x%02x 0x%02x 0x%08x   %s\n",
              line, insn.code(), insn.jt(), insn.jf(), insn.k(), decode(insn, line)));
    }
    return out.toString();
  }

  private static String decode(BpfInstruction insn, int line) {
    int next = line + 1;
    return switch (insn.code()) {
      case BpfInstruction.LD_W_ABS -> "ld  $data[" + Integer.toUnsignedString(insn.k()) + "]";
      case BpfInstruction.ALU_AND_K -> String.format("and 0x%08x", insn.k());
      case BpfInstruction.JMP_JA -> String.format("jmp %04d", next + insn.k());
      case BpfInstruction.JMP_JEQ_K -> conditional("jeq", insn, next);
      case BpfInstruction.JMP_JGT_K -> conditional("jgt", insn, next);
      case BpfInstruction.JMP_JGE_K -> conditional("jge", insn, next);
      case BpfInstruction.RET_K -> "ret " + action(insn.k());
      default -> String.format("??? 0x%04x", insn.code());
    };
  }

  private static String conditional(String op, BpfInstruction insn, int next) {
    return String.format(
        "%s %-4s true:%04d false:%04d",
        op, Integer.toUnsignedString(insn.k()), next + insn.jt(), next + insn.jf());
  }

  /** The return value as libseccomp's disassembler names it. */
  private static String action(int value) {
    int data = value & 0xffff;
    return switch (value & 0xffff_0000) {
      case 0x8000_0000 -> "KILL_PROCESS";
      case 0x0000_0000 -> "KILL";
      case 0x0003_0000 -> "TRAP";
      case 0x0005_0000 -> "ERRNO(" + data + ")";
      case 0x7fc0_0000 -> "NOTIFY";
      case 0x7ff0_0000 -> "TRACE(" + data + ")";
      case 0x7ffc_0000 -> "LOG";
      case 0x7fff_0000 -> "ALLOW";
      default -> String.format("0x%08x", value);
    };
  }
}
