package io.jcrun.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeccompModelTest {
  @ParameterizedTest
  @CsvSource({
    "SCMP_ACT_KILL, SCMP_ACT_KILL",
    "SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_PROCESS",
    "SCMP_ACT_ERRNO, SCMP_ACT_ERRNO",
    "SCMP_ACT_NOTIFY, SCMP_ACT_NOTIFY",
  })
  void parsesActions(String name, SeccompAction expected) {
    assertEquals(expected, SeccompAction.parse(name));
  }

  @Test
  void rejectsUnknownActionsNamingTheAllowedOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeccompAction.parse("SCMP_ACT_FOO"));
    assertEquals(
        "\"SCMP_ACT_FOO\" is not one of [SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS,"
            + " SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_ERRNO, SCMP_ACT_TRACE,"
            + " SCMP_ACT_ALLOW, SCMP_ACT_LOG, SCMP_ACT_NOTIFY]",
        e.getMessage());
  }

  @Test
  void rejectsUnknownOperatorsNamingTheAllowedOnes() {
    assertEquals(CompareOp.SCMP_CMP_MASKED_EQ, CompareOp.parse("SCMP_CMP_MASKED_EQ"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CompareOp.parse("SCMP_CMP_EQUAL"));
    assertEquals(
        "\"SCMP_CMP_EQUAL\" is not one of [SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_EQ,"
            + " SCMP_CMP_GE, SCMP_CMP_GT, SCMP_CMP_MASKED_EQ]",
        e.getMessage());
  }

  @Test
  void rejectsUnknownArchitecturesNamingTheAllowedOnes() {
    assertEquals(SeccompArch.SCMP_ARCH_X86_64, SeccompArch.parse("SCMP_ARCH_X86_64"));
    assertEquals(SeccompArch.SCMP_ARCH_RISCV64, SeccompArch.parse("SCMP_ARCH_RISCV64"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeccompArch.parse("SCMP_ARCH_AMD64"));
    assertEquals(
        "\"SCMP_ARCH_AMD64\" is not one of [SCMP_ARCH_X86, SCMP_ARCH_X86_64, SCMP_ARCH_X32,"
            + " SCMP_ARCH_ARM, SCMP_ARCH_AARCH64, SCMP_ARCH_MIPS, SCMP_ARCH_MIPS64,"
            + " SCMP_ARCH_MIPS64N32, SCMP_ARCH_MIPSEL, SCMP_ARCH_MIPSEL64, SCMP_ARCH_MIPSEL64N32,"
            + " SCMP_ARCH_PPC, SCMP_ARCH_PPC64, SCMP_ARCH_PPC64LE, SCMP_ARCH_S390, SCMP_ARCH_S390X,"
            + " SCMP_ARCH_PARISC, SCMP_ARCH_PARISC64, SCMP_ARCH_RISCV64, SCMP_ARCH_LOONGARCH64,"
            + " SCMP_ARCH_M68K, SCMP_ARCH_SH, SCMP_ARCH_SHEB]",
        e.getMessage());
  }

  @Test
  void parsesOnlyTheFlagsAProfileMayList() {
    assertEquals(
        SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC, SeccompFlag.parse("SECCOMP_FILTER_FLAG_TSYNC"));
    assertEquals(
        SeccompFlag.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
        SeccompFlag.parse("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SeccompFlag.parse("SECCOMP_FILTER_FLAG_NEW_LISTENER"));
    assertEquals(
        "\"SECCOMP_FILTER_FLAG_NEW_LISTENER\" is not one of [SECCOMP_FILTER_FLAG_TSYNC,"
            + " SECCOMP_FILTER_FLAG_LOG, SECCOMP_FILTER_FLAG_SPEC_ALLOW,"
            + " SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV]",
        e.getMessage());
  }

  @Test
  void rejectsNotifyAsTheDefaultAction() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SeccompProfile(
                    SeccompAction.SCMP_ACT_NOTIFY, null, List.of(), Set.of(), List.of()));
    assertEquals(
        "defaultAction \"SCMP_ACT_NOTIFY\" is not allowed: the listener fd could never be sent",
        e.getMessage());
  }

  @Test
  void rejectsErrnoRetOutside16Bits() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SeccompRule(List.of("read"), SeccompAction.SCMP_ACT_ERRNO, 65536, List.of()));
    assertEquals("errnoRet 65536 is not in [0, 65535]", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new SeccompProfile(SeccompAction.SCMP_ACT_ERRNO, -1, List.of(), Set.of(), List.of()));
  }

  @Test
  void rejectsArgumentIndexesPastTheSixth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new ArgCondition(6, 0, CompareOp.SCMP_CMP_EQ));
    assertEquals("argument index 6 is not in [0, 5]", e.getMessage());
  }

  @Test
  void copiesItsLists() {
    var names = new java.util.ArrayList<>(List.of("read"));
    SeccompRule rule = new SeccompRule(names, SeccompAction.SCMP_ACT_ALLOW);
    names.add("write");
    assertEquals(List.of("read"), rule.names());
  }
}
