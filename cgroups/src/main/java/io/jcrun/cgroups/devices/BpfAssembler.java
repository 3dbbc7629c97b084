package io.jcrun.cgroups.devices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link BpfProgram} with symbolic jump targets: jumps name a label, {@link #label}
 * places it before the next instruction, and {@link #assemble()} turns labels into offsets.
 */
public final class BpfAssembler {
  private record Pending(BpfInstruction instruction, String target) {}

  private final List<Pending> code = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();

  public BpfAssembler label(String name) {
    if (labels.putIfAbsent(name, code.size()) != null) {
      throw new IllegalStateException("eBPF label " + name + " is defined twice");
    }
    return this;
  }

  /** {@code dst = *(u32 *)(src + off)}. */
  public BpfAssembler loadWord(int dst, int src, int off) {
    return add(new BpfInstruction(BpfInstruction.LDX_MEM_W, dst, src, off, 0), null);
  }

  public BpfAssembler and32(int dst, int imm) {
    return add(new BpfInstruction(BpfInstruction.ALU32_AND_K, dst, 0, 0, imm), null);
  }

  public BpfAssembler rightShift32(int dst, int imm) {
    return add(new BpfInstruction(BpfInstruction.ALU32_RSH_K, dst, 0, 0, imm), null);
  }

  public BpfAssembler move32(int dst, int imm) {
    return add(new BpfInstruction(BpfInstruction.ALU32_MOV_K, dst, 0, 0, imm), null);
  }

  public BpfAssembler moveRegister32(int dst, int src) {
    return add(new BpfInstruction(BpfInstruction.ALU32_MOV_X, dst, src, 0, 0), null);
  }

  public BpfAssembler jumpIfEqual(int dst, int imm, String label) {
    return add(new BpfInstruction(BpfInstruction.JMP_JEQ_K, dst, 0, 0, imm), label);
  }

  public BpfAssembler jumpIfNotEqual(int dst, int imm, String label) {
    return add(new BpfInstruction(BpfInstruction.JMP_JNE_K, dst, 0, 0, imm), label);
  }

  public BpfAssembler jumpIfNotEqualRegister(int dst, int src, String label) {
    return add(new BpfInstruction(BpfInstruction.JMP_JNE_X, dst, src, 0, 0), label);
  }

  public BpfAssembler exit() {
    return add(new BpfInstruction(BpfInstruction.JMP_EXIT, 0, 0, 0, 0), null);
  }

  private BpfAssembler add(BpfInstruction instruction, String target) {
    code.add(new Pending(instruction, target));
    return this;
  }

  /** Resolves every jump; a label used but never placed is an error. */
  public BpfProgram assemble() {
    List<BpfInstruction> out = new ArrayList<>();
    for (int pc = 0; pc < code.size(); pc++) {
      Pending p = code.get(pc);
      BpfInstruction i = p.instruction();
      if (p.target() != null) {
        Integer target = labels.get(p.target());
        if (target == null || target <= pc) {
          throw new IllegalStateException("eBPF jump at " + pc + " to " + p.target()
              + " has no label after it (the verifier refuses backward jumps)");
        }
        i = new BpfInstruction(i.code(), i.dst(), i.src(), target - pc - 1, i.imm());
      }
      out.add(i);
    }
    return new BpfProgram(out);
  }
}
