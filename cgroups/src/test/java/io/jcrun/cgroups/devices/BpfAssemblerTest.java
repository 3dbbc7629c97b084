package io.jcrun.cgroups.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BpfAssemblerTest {

  @Test
  void resolvesLabelsToForwardOffsets() {
    BpfProgram p = new BpfAssembler().jumpIfNotEqual(2, 7, "out").move32(0, 1).exit()
        .label("out").move32(0, 0).exit().assemble();
    assertEquals(2, p.instructions().getFirst().off());
    BpfInterpreter run = new BpfInterpreter(p);
    assertEquals(false, run.allows('c', 1, 3, 2));
  }

  @Test
  void refusesJumpsToUnknownOrEarlierLabels() {
    assertEquals("eBPF jump at 0 to nowhere has no label after it (the verifier refuses backward"
        + " jumps)", assertThrows(IllegalStateException.class,
            () -> new BpfAssembler().jumpIfEqual(1, 0, "nowhere").exit().assemble()).getMessage());
    assertThrows(IllegalStateException.class,
        () -> new BpfAssembler().label("back").exit().jumpIfEqual(1, 0, "back").assemble());
    assertThrows(IllegalStateException.class, () -> new BpfAssembler().label("a").label("a"));
  }

  @Test
  void decodesWhatItEncodesAndListsUnknownOpcodesRaw() {
    BpfProgram p = new BpfProgram(List.of(new BpfInstruction(0x07, 1, 0, 0, 8),
        new BpfInstruction(BpfInstruction.JMP_EXIT, 0, 0, 0, 0)));
    assertEquals(p, BpfProgram.decode(p.bytes()));
    assertEquals("  0: (07) dst r1 src r0 off 0 imm 8\n  1: exit\n", p.listing());
    assertEquals("an eBPF program is a multiple of 8 bytes, not 12", assertThrows(
        IllegalArgumentException.class, () -> BpfProgram.decode(new byte[12])).getMessage());
  }
}
