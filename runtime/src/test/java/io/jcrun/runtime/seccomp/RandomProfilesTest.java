package io.jcrun.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcrun.runtime.seccomp.BpfInterpreter.SeccompData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compiles random profiles and checks the BPF program against {@link ReferenceFilter} on random
 * syscalls: edge values of 64-bit comparisons, overlapping rules, every ABI. Seeded, so a failure
 * repeats.
 */
class RandomProfilesTest {
  private static final List<String> NAMES =
      List.of(
          "read",
          "write",
          "open",
          "openat",
          "socket",
          "socketcall",
          "clone",
          "personality",
          "mkdir",
          "arch_prctl",
          "mmap2",
          "uretprobe",
          "ioctl",
          "no_such_syscall");
  private static final long[] VALUES = {
    0,
    1,
    2,
    40,
    0x7fff_ffffL,
    0x8000_0000L,
    0xffff_fffeL,
    0xffff_ffffL,
    0x1_0000_0000L,
    0x1_0000_0001L,
    0x7e02_0000L,
    0xffff_ffff_0000_0000L,
    0x8000_0000_0000_0000L,
    -2L,
    -1L
  };
  private static final SeccompArch[] ARCHS = {
    SeccompArch.SCMP_ARCH_X86_64,
    SeccompArch.SCMP_ARCH_X86,
    SeccompArch.SCMP_ARCH_X32,
    SeccompArch.SCMP_ARCH_AARCH64,
    SeccompArch.SCMP_ARCH_S390X
  };
  private static final int[] AUDIT_ARCHS = {
    SeccompCompilerTest.AUDIT_X86_64,
    SeccompCompilerTest.AUDIT_I386,
    SeccompCompilerTest.AUDIT_AARCH64,
    0x4000_0028
  };

  private final Random random = new Random(20_250_601L);

  @Test
  void agreesWithTheReferenceSemantics() {
    for (int round = 0; round < 300; round++) {
      SeccompProfile profile = randomProfile();
      SeccompArch nativeArch =
          random.nextBoolean() ? SeccompArch.SCMP_ARCH_X86_64 : SeccompArch.SCMP_ARCH_AARCH64;
      CompiledFilter filter = SeccompCompiler.compile(profile, nativeArch);
      for (int call = 0; call < 200; call++) {
        SeccompData data = randomCall();
        assertEquals(
            ReferenceFilter.evaluate(profile, nativeArch, data),
            BpfInterpreter.run(filter.program(), data),
            () ->
                "round "
                    + profile
                    + " native "
                    + nativeArch
                    + " call "
                    + data
                    + " args "
                    + java.util.Arrays.toString(data.args())
                    + "\n"
                    + BpfDisassembler.disassemble(filter.program()));
      }
    }
  }

  private SeccompProfile randomProfile() {
    List<SeccompArch> archs = new ArrayList<>();
    for (SeccompArch arch : ARCHS) {
      if (random.nextInt(3) == 0) {
        archs.add(arch);
      }
    }
    List<SeccompRule> rules = new ArrayList<>();
    int count = random.nextInt(12);
    for (int i = 0; i < count; i++) {
      List<String> names = new ArrayList<>();
      int nameCount = 1 + random.nextInt(3);
      for (int n = 0; n < nameCount; n++) {
        names.add(NAMES.get(random.nextInt(NAMES.size())));
      }
      List<ArgCondition> args = new ArrayList<>();
      int argCount = random.nextInt(4);
      for (int a = 0; a < argCount; a++) {
        args.add(
            new ArgCondition(
                random.nextInt(3),
                value(),
                value(),
                CompareOp.values()[random.nextInt(CompareOp.values().length)]));
      }
      rules.add(new SeccompRule(names, action(), errno(), args));
    }
    return new SeccompProfile(action(), errno(), archs, Set.of(), rules);
  }

  private SeccompAction action() {
    SeccompAction[] actions = {
      SeccompAction.SCMP_ACT_ALLOW, SeccompAction.SCMP_ACT_ERRNO, SeccompAction.SCMP_ACT_ERRNO,
      SeccompAction.SCMP_ACT_KILL_PROCESS, SeccompAction.SCMP_ACT_TRACE, SeccompAction.SCMP_ACT_LOG
    };
    return actions[random.nextInt(actions.length)];
  }

  private Integer errno() {
    return random.nextInt(3) == 0 ? null : 1 + random.nextInt(3);
  }

  private long value() {
    return random.nextInt(8) == 0 ? random.nextLong() : VALUES[random.nextInt(VALUES.length)];
  }

  private SeccompData randomCall() {
    int audit = AUDIT_ARCHS[random.nextInt(AUDIT_ARCHS.length)];
    int nr;
    int pick = random.nextInt(10);
    if (pick == 0) {
      nr = -1;
    } else if (pick < 3) {
      nr = random.nextInt(500) | (random.nextBoolean() ? 0x4000_0000 : 0);
    } else {
      SeccompArch arch =
          switch (audit) {
            case SeccompCompilerTest.AUDIT_I386 -> SeccompArch.SCMP_ARCH_X86;
            case SeccompCompilerTest.AUDIT_AARCH64 -> SeccompArch.SCMP_ARCH_AARCH64;
            default ->
                random.nextBoolean() ? SeccompArch.SCMP_ARCH_X86_64 : SeccompArch.SCMP_ARCH_X32;
          };
      nr = SyscallTable.of(arch).number(NAMES.get(random.nextInt(NAMES.size()))).orElse(7);
    }
    return new SeccompData(nr, audit, 0, value(), value(), value(), value());
  }
}
