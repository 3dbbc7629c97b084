package io.jcrun.cgroups.devices;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One eBPF instruction ({@code struct bpf_insn}): opcode, destination and source registers, a
 * 16-bit offset and a 32-bit immediate. Only the few opcodes of the device filter have names;
 * {@link #toString()} prints them the way the kernel verifier's log does.
 */
public record BpfInstruction(int code, int dst, int src, int off, int imm) {
  /** {@code BPF_LDX | BPF_MEM | BPF_W}: {@code dst = *(u32 *)(src + off)}. */
  public static final int LDX_MEM_W = 0x61;
  /** {@code BPF_ALU | BPF_AND | BPF_K}: {@code w_dst &= imm}. */
  public static final int ALU32_AND_K = 0x54;
  /** {@code BPF_ALU | BPF_RSH | BPF_K}: {@code w_dst >>= imm}. */
  public static final int ALU32_RSH_K = 0x74;
  /** {@code BPF_ALU | BPF_MOV | BPF_K}: {@code w_dst = imm}. */
  public static final int ALU32_MOV_K = 0xb4;
  /** {@code BPF_ALU | BPF_MOV | BPF_X}: {@code w_dst = w_src}. */
  public static final int ALU32_MOV_X = 0xbc;
  /** {@code BPF_JMP | BPF_JEQ | BPF_K}: {@code if dst == imm goto +off}. */
  public static final int JMP_JEQ_K = 0x15;
  /** {@code BPF_JMP | BPF_JNE | BPF_K}: {@code if dst != imm goto +off}. */
  public static final int JMP_JNE_K = 0x55;
  /** {@code BPF_JMP | BPF_JNE | BPF_X}: {@code if dst != src goto +off}. */
  public static final int JMP_JNE_X = 0x5d;
  /** {@code BPF_JMP | BPF_EXIT}: return {@code r0}. */
  public static final int JMP_EXIT = 0x95;
  /** Encoded size. */
  public static final int SIZE = 8;

  public BpfInstruction {
    if (code < 0 || code > 0xff || dst < 0 || dst > 10 || src < 0 || src > 10
        || off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
      throw new IllegalArgumentException("bad eBPF instruction: code 0x" + Integer.toHexString(code)
          + ", dst r" + dst + ", src r" + src + ", off " + off);
    }
  }

  /** Writes the 8 bytes of {@code struct bpf_insn} in the host's (little-endian) order. */
  void encode(ByteBuffer out) {
    out.order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) code);
    // dst_reg is the low nibble and src_reg the high one on little-endian machines.
    out.put((byte) ((src << 4) | dst));
    out.putShort((short) off);
    out.putInt(imm);
  }

  static BpfInstruction decode(ByteBuffer in) {
    in.order(ByteOrder.LITTLE_ENDIAN);
    int code = in.get() & 0xff;
    int regs = in.get() & 0xff;
    int off = in.getShort();
    int imm = in.getInt();
    return new BpfInstruction(code, regs & 0x0f, regs >>> 4, off, imm);
  }

  /** Whether this instruction may jump ({@code BPF_JMP} class, other than exit). */
  public boolean isJump() {
    return (code & 0x07) == 0x05 && code != JMP_EXIT;
  }

  @Override
  public String toString() {
    return switch (code) {
      case LDX_MEM_W -> "r" + dst + " = *(u32 *)(r" + src + " + " + off + ")";
      case ALU32_AND_K -> "w" + dst + " &= " + imm;
      case ALU32_RSH_K -> "w" + dst + " >>= " + imm;
      case ALU32_MOV_K -> "w" + dst + " = " + imm;
      case ALU32_MOV_X -> "w" + dst + " = w" + src;
      case JMP_JEQ_K -> "if r" + dst + " == " + imm + " goto " + signed(off);
      case JMP_JNE_K -> "if r" + dst + " != " + imm + " goto " + signed(off);
      case JMP_JNE_X -> "if r" + dst + " != r" + src + " goto " + signed(off);
      case JMP_EXIT -> "exit";
      default -> String.format("(%02x) dst r%d src r%d off %d imm %d", code, dst, src, off, imm);
    };
  }

  private static String signed(int off) {
    return off < 0 ? Integer.toString(off) : "+" + off;
  }
}
