package io.jcrun.cgroups.devices;

import io.jcrun.cgroups.DeviceRule;

/**
 * Runs a device filter the way the kernel would, for the opcodes {@link DeviceFilterProgram}
 * emits, on a {@code struct bpf_cgroup_dev_ctx}. It also checks what the verifier would: every
 * jump lands inside the program and only forward, and the program ends in {@code exit}.
 */
final class BpfInterpreter {
  private final BpfProgram program;

  BpfInterpreter(BpfProgram program) {
    this.program = program;
    int size = program.instructions().size();
    for (int pc = 0; pc < size; pc++) {
      BpfInstruction i = program.instructions().get(pc);
      if (i.isJump() && (i.off() < 0 || pc + 1 + i.off() >= size)) {
        throw new AssertionError("jump at " + pc + " leaves the program\n" + program.listing());
      }
    }
    if (program.instructions().getLast().code() != BpfInstruction.JMP_EXIT) {
      throw new AssertionError("the program does not end in exit\n" + program.listing());
    }
  }

  /** The program's answer for a request: true allows. */
  boolean allows(char type, long major, long minor, int access) {
    int devType = type == 'b' ? DeviceFilterProgram.DEV_BLOCK : DeviceFilterProgram.DEV_CHAR;
    int[] ctx = {(access << 16) | devType, (int) major, (int) minor};
    long[] r = new long[11];
    r[1] = -1; // the context pointer; only loads through it are allowed
    int pc = 0;
    for (int steps = 0; steps < 10_000; steps++) {
      BpfInstruction i = program.instructions().get(pc++);
      switch (i.code()) {
        case BpfInstruction.LDX_MEM_W -> {
          if (i.src() != 1 || r[1] != -1 || i.off() % 4 != 0 || i.off() / 4 >= ctx.length) {
            throw new AssertionError("bad context load: " + i);
          }
          r[i.dst()] = ctx[i.off() / 4] & 0xFFFF_FFFFL;
        }
        case BpfInstruction.ALU32_AND_K -> r[i.dst()] = (r[i.dst()] & i.imm()) & 0xFFFF_FFFFL;
        case BpfInstruction.ALU32_RSH_K -> r[i.dst()] = ((r[i.dst()] & 0xFFFF_FFFFL) >>> i.imm());
        case BpfInstruction.ALU32_MOV_K -> r[i.dst()] = i.imm() & 0xFFFF_FFFFL;
        case BpfInstruction.ALU32_MOV_X -> r[i.dst()] = r[i.src()] & 0xFFFF_FFFFL;
        case BpfInstruction.JMP_JEQ_K -> pc += r[i.dst()] == (long) i.imm() ? i.off() : 0;
        case BpfInstruction.JMP_JNE_K -> pc += r[i.dst()] != (long) i.imm() ? i.off() : 0;
        case BpfInstruction.JMP_JNE_X -> pc += r[i.dst()] != r[i.src()] ? i.off() : 0;
        case BpfInstruction.JMP_EXIT -> {
          return r[0] == 1;
        }
        default -> throw new AssertionError("opcode the device filter never emits: " + i);
      }
    }
    throw new AssertionError("the program does not terminate");
  }

  static int access(String rwm) {
    return DeviceRule.parseAccess(rwm);
  }
}
