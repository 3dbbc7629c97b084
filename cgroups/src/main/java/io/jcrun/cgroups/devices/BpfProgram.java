package io.jcrun.cgroups.devices;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** An eBPF program: its instructions, their encoding for {@code bpf(BPF_PROG_LOAD)}, a listing. */
public record BpfProgram(List<BpfInstruction> instructions) {

  public BpfProgram {
    instructions = List.copyOf(instructions);
  }

  /** The {@code struct bpf_insn[]} bytes. */
  public byte[] bytes() {
    ByteBuffer out = ByteBuffer.allocate(instructions.size() * BpfInstruction.SIZE);
    for (BpfInstruction i : instructions) {
      i.encode(out);
    }
    return out.array();
  }

  /** Decodes {@code struct bpf_insn[]} bytes (the disassembler's input). */
  public static BpfProgram decode(byte[] bytes) {
    if (bytes.length % BpfInstruction.SIZE != 0) {
      throw new IllegalArgumentException(
          "an eBPF program is a multiple of 8 bytes, not " + bytes.length);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    List<BpfInstruction> out = new ArrayList<>();
    while (in.hasRemaining()) {
      out.add(BpfInstruction.decode(in));
    }
    return new BpfProgram(out);
  }

  /** One numbered line per instruction, jumps annotated with their target. */
  public String listing() {
    StringBuilder sb = new StringBuilder();
    for (int pc = 0; pc < instructions.size(); pc++) {
      BpfInstruction i = instructions.get(pc);
      sb.append(String.format("%3d: %s", pc, i));
      if (i.isJump()) {
        sb.append("  ; -> ").append(pc + 1 + i.off());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return listing();
  }
}
