package io.jcrun.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BpfDisassemblerTest {
  /** The profile that golden-small-profile.txt describes. */
  static SeccompProfile smallProfile() {
    return new SeccompProfile(
        SeccompAction.SCMP_ACT_ERRNO,
        null,
        List.of(SeccompArch.SCMP_ARCH_X86_64),
        Set.of(),
        List.of(
            new SeccompRule(
                List.of("read", "write", "close", "exit_group"), SeccompAction.SCMP_ACT_ALLOW),
            new SeccompRule(
                List.of("personality"),
                SeccompAction.SCMP_ACT_ALLOW,
                null,
                List.of(new ArgCondition(0, 0xffff_ffffL, CompareOp.SCMP_CMP_EQ))),
            new SeccompRule(
                List.of("clone"),
                SeccompAction.SCMP_ACT_ALLOW,
                null,
                List.of(new ArgCondition(0, 0x7e02_0000L, 0, CompareOp.SCMP_CMP_MASKED_EQ))),
            new SeccompRule(
                List.of("mmap"),
                SeccompAction.SCMP_ACT_ALLOW,
                null,
                List.of(new ArgCondition(1, 0x1_0000_0000L, CompareOp.SCMP_CMP_LE))),
            new SeccompRule(List.of("clone3"), SeccompAction.SCMP_ACT_ERRNO, 38, List.of())));
  }

  @Test
  void printsTheSmallProfileAsTheGoldenListing() throws IOException {
    CompiledFilter filter = SeccompCompiler.compile(smallProfile(), SeccompArch.SCMP_ARCH_X86_64);

    assertEquals(golden("golden-small-profile.txt"), BpfDisassembler.disassemble(filter.program()));
  }

  @Test
  void namesEveryAction() {
    List<BpfInstruction> program =
        List.of(
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 0x8000_0000),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 0x0003_0000),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 0x0005_0026),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 0x7fc0_0000),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 0x7ff0_0001),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 0x7ffc_0000),
            new BpfInstruction(BpfInstruction.RET_K, 0, 0, 0x1234_0000));

    assertEquals(
        """
         line  OP   JT   JF   K
        =================================
         0000: 0x06 0x00 0x00 0x80000000   ret KILL_PROCESS
         0001: 0x06 0x00 0x00 0x00030000   ret TRAP
         0002: 0x06 0x00 0x00 0x00050026   ret ERRNO(38)
         0003: 0x06 0x00 0x00 0x7fc00000   ret NOTIFY
         0004: 0x06 0x00 0x00 0x7ff00001   ret TRACE(1)
         0005: 0x06 0x00 0x00 0x7ffc0000   ret LOG
         0006: 0x06 0x00 0x00 0x12340000   ret 0x12340000
        """,
        BpfDisassembler.disassemble(BpfInstruction.encode(program)));
  }

  /** The fixture without its comment lines. */
  private static String golden(String resource) throws IOException {
    try (InputStream in = BpfDisassemblerTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.startsWith("#"))
          .collect(Collectors.joining("\n", "", "\n"));
    }
  }
}
