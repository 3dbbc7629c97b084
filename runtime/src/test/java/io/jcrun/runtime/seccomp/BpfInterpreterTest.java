package io.jcrun.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.runtime.seccomp.BpfInterpreter.SeccompData;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpfInterpreterTest {
  private static final SeccompData DATA =
      new SeccompData(59, 0xC000_003E, 0x1000, 0x1_2345_6789L, 2, 3, 4, 5, 0xffff_ffff_0000_0006L);

  private static int run(BpfInstruction... program) {
    return BpfInterpreter.run(BpfInstruction.encode(List.of(program)), DATA);
  }

  @Test
  void loadsTheWordsOfSeccompData() {
    assertEquals(1, loads(0, 59));
    assertEquals(1, loads(4, 0xC000_003E));
    assertEquals(1, loads(16, 0x2345_6789));
    assertEquals(1, loads(20, 1));
    assertEquals(1, loads(56, 6));
    assertEquals(1, loads(60, 0xffff_ffff));
    assertEquals(0, loads(60, 0));
  }

  @Test
  void rejectsOpcodesTheCompilerNeverEmits() {
    // BPF_RET | BPF_A and BPF_LD | BPF_IMM are valid classic BPF, but not ours.
    assertThrows(IllegalArgumentException.class, () -> run(new BpfInstruction(0x16, 0, 0, 0)));
    assertThrows(
        IllegalArgumentException.class, () -> run(new BpfInstruction(0x00, 0, 0, 1), ret(0)));
    assertThrows(
        IllegalArgumentException.class, () -> run(new BpfInstruction(0x45, 0, 0, 1), ret(0)));
  }

  @Test
  void rejectsJumpsPastTheEnd() {
    assertThrows(
        IllegalArgumentException.class,
        () -> run(ld(0), new BpfInstruction(BpfInstruction.JMP_JEQ_K, 0, 1, 0), ret(0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> run(new BpfInstruction(BpfInstruction.JMP_JA, 0, 0, 1), ret(0)));
  }

  @Test
  void rejectsLoadsOutsideSeccompDataAndProgramsNotEndingInRet() {
    assertThrows(IllegalArgumentException.class, () -> run(ld(64), ret(0)));
    assertThrows(IllegalArgumentException.class, () -> run(ld(2), ret(0)));
    assertThrows(IllegalArgumentException.class, () -> run(ret(0), ld(0)));
  }

  @Test
  void comparesUnsigned() {
    BpfInstruction[] program = {
      ld(4), new BpfInstruction(BpfInstruction.JMP_JGT_K, 0, 1, 0x4000_0000), ret(1), ret(2)
    };
    assertEquals(1, run(program));
  }

  private static BpfInstruction ld(int offset) {
    return new BpfInstruction(BpfInstruction.LD_W_ABS, 0, 0, offset);
  }

  private static BpfInstruction ret(int value) {
    return new BpfInstruction(BpfInstruction.RET_K, 0, 0, value);
  }

  /** 1 if the word at {@code offset} is {@code expected}, else 0. */
  private static int loads(int offset, int expected) {
    return run(
        ld(offset), new BpfInstruction(BpfInstruction.JMP_JEQ_K, 0, 1, expected), ret(1), ret(0));
  }
}
