package io.jcrun.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.runtime.seccomp.BpfAssembler.Label;
import io.jcrun.runtime.seccomp.BpfInterpreter.SeccompData;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpfAssemblerTest {
  @Test
  void resolvesShortJumpsToOffsets() {
    BpfAssembler asm = new BpfAssembler();
    Label yes = asm.newLabel();
    Label no = asm.newLabel();
    asm.load(0);
    asm.jumpIf(BpfInstruction.JMP_JEQ_K, 7, yes, no);
    asm.bind(no);
    asm.ret(1);
    asm.bind(yes);
    asm.ret(2);

    assertEquals(
        List.of(
            new BpfInstruction(BpfInstruction.LD_W_ABS, 0, 0, 0),
            new BpfInstruction(BpfInstruction.JMP_JEQ_K, 1, 0, 7),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 1),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 2)),
        asm.assemble());
  }

  @Test
  void reachesTargetsPast255InstructionsThroughATrampoline() {
    BpfAssembler asm = new BpfAssembler();
    Label far = asm.newLabel();
    Label near = asm.newLabel();
    asm.load(0);
    asm.jumpIf(BpfInstruction.JMP_JEQ_K, 7, far, near);
    asm.bind(near);
    for (int i = 0; i < 300; i++) {
      asm.ret(1000 + i);
    }
    asm.bind(far);
    asm.ret(2);
    List<BpfInstruction> program = asm.assemble();

    assertEquals(new BpfInstruction(BpfInstruction.JMP_JEQ_K, 0, 1, 7), program.get(1));
    assertEquals(new BpfInstruction(BpfInstruction.JMP_JA, 0, 0, 300), program.get(2));
    byte[] bytes = BpfInstruction.encode(program);
    assertEquals(2, BpfInterpreter.run(bytes, new SeccompData(7, 0, 0)));
    assertEquals(1000, BpfInterpreter.run(bytes, new SeccompData(8, 0, 0)));
  }

  @Test
  void refusesUnboundLabels() {
    BpfAssembler asm = new BpfAssembler();
    asm.jump(asm.newLabel());
    asm.ret(0);
    assertThrows(IllegalStateException.class, asm::assemble);
  }

  @Test
  void refusesBackwardJumps() {
    BpfAssembler asm = new BpfAssembler();
    Label start = asm.newLabel();
    asm.bind(start);
    asm.load(0);
    asm.jump(start);
    assertThrows(IllegalStateException.class, asm::assemble);
  }
}
