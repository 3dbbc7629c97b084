package io.jcrun.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One classic BPF instruction, {@code struct sock_filter {u16 code; u8 jt; u8 jf; u32 k;}} of
 * linux/filter.h, with the opcodes the seccomp compiler emits. Jump offsets count instructions
 * after the next one, so a conditional jump reaches at most 255 instructions ahead.
 */
public record BpfInstruction(int code, int jt, int jf, int k) {
  /** Size of a sock_filter in bytes. */
  public static final int SIZE = 8;

  /** BPF_MAXINSNS of linux/bpf_common.h: the kernel refuses longer seccomp programs. */
  public static final int MAX_INSTRUCTIONS = 4096;

  /** The farthest a conditional jump (u8 jt/jf) reaches. */
  public static final int MAX_JUMP = 255;

  /** BPF_LD | BPF_W | BPF_ABS: A = 32-bit word of seccomp_data at offset k. */
  public static final int LD_W_ABS = 0x20;

  /** BPF_ALU | BPF_AND | BPF_K: A &= k. */
  public static final int ALU_AND_K = 0x54;

  /** BPF_JMP | BPF_JA: jump k instructions ahead, whatever A holds. */
  public static final int JMP_JA = 0x05;

  /** BPF_JMP | BPF_JEQ | BPF_K: jt if A == k, else jf. */
  public static final int JMP_JEQ_K = 0x15;

  /** BPF_JMP | BPF_JGT | BPF_K: jt if A > k (unsigned), else jf. */
  public static final int JMP_JGT_K = 0x25;

  /** BPF_JMP | BPF_JGE | BPF_K: jt if A >= k (unsigned), else jf. */
  public static final int JMP_JGE_K = 0x35;

  /** BPF_RET | BPF_K: end the program with filter result k. */
  public static final int RET_K = 0x06;

  public BpfInstruction {
    if (code < 0 || code > 0xffff || jt < 0 || jt > MAX_JUMP || jf < 0 || jf > MAX_JUMP) {
      throw new IllegalArgumentException(
          "BPF instruction out of range: code " + code + ", jt " + jt + ", jf " + jf);
    }
  }

  /** Whether this is a conditional jump, whose targets are jt and jf. */
  public boolean isConditionalJump() {
    return code == JMP_JEQ_K || code == JMP_JGT_K || code == JMP_JGE_K;
  }

  /** The program as the kernel reads it: sock_filter structs in little-endian order. */
  public static byte[] encode(List<BpfInstruction> program) {
    ByteBuffer buffer = ByteBuffer.allocate(program.size() * SIZE).order(ByteOrder.LITTLE_ENDIAN);
    for (BpfInstruction insn : program) {
      buffer.putShort((short) insn.code).put((byte) insn.jt).put((byte) insn.jf).putInt(insn.k);
    }
    return buffer.array();
  }

  /** Reads back a program that {@link #encode} wrote. */
  public static List<BpfInstruction> decode(byte[] program) {
    if (program.length % SIZE != 0) {
      throw new IllegalArgumentException(
          "BPF program of " + program.length + " bytes is not a whole number of instructions");
    }
    ByteBuffer buffer = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
    List<BpfInstruction> instructions = new ArrayList<>(program.length / SIZE);
    while (buffer.hasRemaining()) {
      int code = Short.toUnsignedInt(buffer.getShort());
      int jt = Byte.toUnsignedInt(buffer.get());
      int jf = Byte.toUnsignedInt(buffer.get());
      instructions.add(new BpfInstruction(code, jt, jf, buffer.getInt()));
    }
    return instructions;
  }
}
