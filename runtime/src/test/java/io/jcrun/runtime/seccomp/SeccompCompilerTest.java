package io.jcrun.runtime.seccomp;

import static io.jcrun.runtime.seccomp.CompareOp.SCMP_CMP_EQ;
import static io.jcrun.runtime.seccomp.CompareOp.SCMP_CMP_GE;
import static io.jcrun.runtime.seccomp.CompareOp.SCMP_CMP_MASKED_EQ;
import static io.jcrun.runtime.seccomp.CompareOp.SCMP_CMP_NE;
import static io.jcrun.runtime.seccomp.SeccompAction.SCMP_ACT_ALLOW;
import static io.jcrun.runtime.seccomp.SeccompAction.SCMP_ACT_ERRNO;
import static io.jcrun.runtime.seccomp.SeccompAction.SCMP_ACT_NOTIFY;
import static io.jcrun.runtime.seccomp.SeccompArch.SCMP_ARCH_AARCH64;
import static io.jcrun.runtime.seccomp.SeccompArch.SCMP_ARCH_X32;
import static io.jcrun.runtime.seccomp.SeccompArch.SCMP_ARCH_X86;
import static io.jcrun.runtime.seccomp.SeccompArch.SCMP_ARCH_X86_64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.runtime.seccomp.BpfInterpreter.SeccompData;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeccompCompilerTest {
  static final int AUDIT_X86_64 = 0xC000_003E;
  static final int AUDIT_I386 = 0x4000_0003;
  static final int AUDIT_AARCH64 = 0xC000_00B7;
  static final int X32_BIT = 0x4000_0000;

  static final int KILL_THREAD = 0;
  static final int KILL_PROCESS = 0x8000_0000;
  static final int ALLOW = 0x7fff_0000;
  static final int NOTIFY = 0x7fc0_0000;

  static int errno(int errno) {
    return 0x0005_0000 | errno;
  }

  static int run(CompiledFilter filter, int arch, int nr, long... args) {
    return BpfInterpreter.run(filter.program(), new SeccompData(nr, arch, 0x7fff_1234_5678L, args));
  }

  static SeccompProfile profile(
      SeccompAction defaultAction, List<SeccompArch> archs, SeccompRule... rules) {
    return new SeccompProfile(defaultAction, null, archs, Set.of(), List.of(rules));
  }

  static SeccompRule rule(
      SeccompAction action, Integer errnoRet, List<String> names, ArgCondition... args) {
    return new SeccompRule(names, action, errnoRet, List.of(args));
  }

  static CompiledFilter compileX86(SeccompProfile profile) {
    return SeccompCompiler.compile(profile, SCMP_ARCH_X86_64);
  }

  @Test
  void appliesTheDefaultActionToSyscallsNoRuleNames() {
    SeccompProfile profile =
        new SeccompProfile(
            SCMP_ACT_ERRNO,
            38,
            List.of(SCMP_ARCH_X86_64),
            Set.of(),
            List.of(new SeccompRule(List.of("read"), SCMP_ACT_ALLOW)));
    CompiledFilter filter = compileX86(profile);

    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0));
    assertEquals(errno(38), run(filter, AUDIT_X86_64, 39)); // getpid
    assertEquals(errno(38), run(filter, AUDIT_X86_64, 1));
    assertEquals(errno(38), run(filter, AUDIT_X86_64, 100_000));
  }

  @ParameterizedTest
  @CsvSource({
    "SCMP_ARCH_X86_64, 0xC000003E, mkdir, 83",
    "SCMP_ARCH_X86, 0x40000003, mkdir, 39",
    "SCMP_ARCH_X32, 0xC000003E, mkdir, 0x40000053",
    "SCMP_ARCH_AARCH64, 0xC00000B7, mkdirat, 34",
    "SCMP_ARCH_X86_64, 0xC000003E, open_tree_attr, 467",
    "SCMP_ARCH_X86, 0x40000003, open_tree_attr, 467",
    "SCMP_ARCH_X32, 0xC000003E, open_tree_attr, 0x400001D3",
    "SCMP_ARCH_AARCH64, 0xC00000B7, open_tree_attr, 467",
    "SCMP_ARCH_X86_64, 0xC000003E, uretprobe, 335",
  })
  void mapsANameToItsNumberOnEachArchitecture(
      String archName, String audit, String name, String number) {
    SeccompArch arch = SeccompArch.parse(archName);
    CompiledFilter filter =
        SeccompCompiler.compile(
            profile(SCMP_ACT_ALLOW, List.of(arch), rule(SCMP_ACT_ERRNO, 5, List.of(name))),
            arch == SCMP_ARCH_AARCH64 ? SCMP_ARCH_AARCH64 : SCMP_ARCH_X86_64);
    int auditArch = Integer.parseUnsignedInt(audit.substring(2), 16);
    int nr = Integer.decode(number);

    assertEquals(errno(5), run(filter, auditArch, nr));
    assertEquals(ALLOW, run(filter, auditArch, nr - 1));
    assertEquals(ALLOW, run(filter, auditArch, nr + 1));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "SCMP_ACT_ERRNO, 13, 0x0005000d",
        "SCMP_ACT_ERRNO, null, 0x00050001",
        "SCMP_ACT_ERRNO, 0, 0x00050000",
        "SCMP_ACT_ERRNO, 65535, 0x0005ffff",
        "SCMP_ACT_TRACE, 7, 0x7ff00007",
        "SCMP_ACT_TRACE, null, 0x7ff00001",
        "SCMP_ACT_KILL, null, 0x00000000",
        "SCMP_ACT_KILL_THREAD, null, 0x00000000",
        "SCMP_ACT_KILL_PROCESS, null, 0x80000000",
        "SCMP_ACT_TRAP, null, 0x00030000",
        "SCMP_ACT_LOG, null, 0x7ffc0000",
        "SCMP_ACT_NOTIFY, null, 0x7fc00000",
        "SCMP_ACT_ALLOW, 9, 0x7fff0000",
      })
  void returnsEachActionsValue(String action, Integer errnoRet, String expected) {
    CompiledFilter filter =
        compileX86(
            profile(
                SeccompAction.SCMP_ACT_KILL_PROCESS,
                List.of(),
                rule(SeccompAction.parse(action), errnoRet, List.of("getpid"))));

    assertEquals(
        Integer.parseUnsignedInt(expected.substring(2), 16), run(filter, AUDIT_X86_64, 39));
    assertEquals(KILL_PROCESS, run(filter, AUDIT_X86_64, 0));
  }

  @Test
  void usesDefaultErrnoRetForTheDefaultAction() {
    SeccompProfile profile = new SeccompProfile(SCMP_ACT_ERRNO, 38, List.of(), Set.of(), List.of());
    assertEquals(errno(38), run(compileX86(profile), AUDIT_X86_64, 0));

    SeccompProfile eperm = new SeccompProfile(SCMP_ACT_ERRNO, null, List.of(), Set.of(), List.of());
    assertEquals(errno(1), run(compileX86(eperm), AUDIT_X86_64, 0));
  }

  /** value 0x1_0000_0000 and 0x0_ffff_ffff: high words that differ and equal. */
  @ParameterizedTest
  @CsvSource({
    // op, value, argument, matches
    "SCMP_CMP_EQ, 0x100000000, 0x100000000, true",
    "SCMP_CMP_EQ, 0x100000000, 0x0ffffffff, false",
    "SCMP_CMP_EQ, 0x100000000, 0x000000000, false",
    "SCMP_CMP_EQ, 0x0ffffffff, 0x1ffffffff, false",
    "SCMP_CMP_EQ, 0x0ffffffff, 0x0ffffffff, true",
    "SCMP_CMP_NE, 0x100000000, 0x100000000, false",
    "SCMP_CMP_NE, 0x100000000, 0x000000000, true",
    "SCMP_CMP_NE, 0x0ffffffff, 0x1ffffffff, true",
    "SCMP_CMP_NE, 0x0ffffffff, 0x0fffffffe, true",
    "SCMP_CMP_LT, 0x100000000, 0x0ffffffff, true",
    "SCMP_CMP_LT, 0x100000000, 0x100000000, false",
    "SCMP_CMP_LT, 0x100000000, 0x100000001, false",
    "SCMP_CMP_LT, 0x100000000, 0x200000000, false",
    "SCMP_CMP_LT, 0x0ffffffff, 0x100000000, false",
    "SCMP_CMP_LT, 0x0ffffffff, 0x0fffffffe, true",
    "SCMP_CMP_LT, 0x000000001, 0xffffffffffffffff, false",
    "SCMP_CMP_LE, 0x100000000, 0x0ffffffff, true",
    "SCMP_CMP_LE, 0x100000000, 0x100000000, true",
    "SCMP_CMP_LE, 0x100000000, 0x100000001, false",
    "SCMP_CMP_LE, 0x0ffffffff, 0x100000000, false",
    "SCMP_CMP_LE, 0x0ffffffff, 0x000000000, true",
    "SCMP_CMP_GT, 0x100000000, 0x0ffffffff, false",
    "SCMP_CMP_GT, 0x100000000, 0x100000000, false",
    "SCMP_CMP_GT, 0x100000000, 0x100000001, true",
    "SCMP_CMP_GT, 0x100000000, 0x200000000, true",
    "SCMP_CMP_GT, 0x0ffffffff, 0x100000000, true",
    "SCMP_CMP_GT, 0x0ffffffff, 0x0fffffffe, false",
    "SCMP_CMP_GT, 0x000000001, 0xffffffffffffffff, true",
    "SCMP_CMP_GE, 0x100000000, 0x0ffffffff, false",
    "SCMP_CMP_GE, 0x100000000, 0x100000000, true",
    "SCMP_CMP_GE, 0x100000000, 0x100000001, true",
    "SCMP_CMP_GE, 0x0ffffffff, 0x100000000, true",
    "SCMP_CMP_GE, 0x0ffffffff, 0x0fffffffe, false",
  })
  void comparesAll64BitsUnsigned(String op, String value, String argument, boolean matches) {
    ArgCondition condition =
        new ArgCondition(2, Long.parseUnsignedLong(value.substring(2), 16), CompareOp.parse(op));
    long arg = Long.parseUnsignedLong(argument.substring(2), 16);
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW, List.of(), rule(SCMP_ACT_ERRNO, 9, List.of("read"), condition)));

    assertEquals(matches ? errno(9) : ALLOW, run(filter, AUDIT_X86_64, 0, 7, 7, arg, 7));
    assertEquals(matches, condition.test(arg), "reference semantics");
  }

  @ParameterizedTest
  @CsvSource({
    // mask, expected, argument, matches
    "0xffff0000000000ff, 0x1234000000000012, 0x12345678abcdef12, true",
    "0xffff0000000000ff, 0x1234000000000012, 0x12355678abcdef12, false",
    "0xffff0000000000ff, 0x1234000000000012, 0x12345678abcdef13, false",
    // Bits of the expected value outside the mask are ignored, as libseccomp masks it too.
    "0xffff0000000000ff, 0x1234ffffffffff12, 0x1234000000000012, true",
    "0xff00000000000000, 0x0100000000000000, 0x01ffffffffffffff, true",
    "0xff00000000000000, 0x0100000000000000, 0x02ffffffffffffff, false",
    "0x000000007e020000, 0x0000000000000000, 0x0000000001200011, true",
    "0x000000007e020000, 0x0000000000000000, 0x0000000010000011, false",
    "0x0000000000000000, 0x0000000000000005, 0x0000000000000009, true",
  })
  void comparesMaskedEqual(String mask, String expected, String argument, boolean matches) {
    ArgCondition condition =
        new ArgCondition(
            0,
            Long.parseUnsignedLong(mask.substring(2), 16),
            Long.parseUnsignedLong(expected.substring(2), 16),
            SCMP_CMP_MASKED_EQ);
    long arg = Long.parseUnsignedLong(argument.substring(2), 16);
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW, List.of(), rule(SCMP_ACT_ERRNO, 9, List.of("read"), condition)));

    assertEquals(matches ? errno(9) : ALLOW, run(filter, AUDIT_X86_64, 0, arg));
    assertEquals(matches, condition.test(arg), "reference semantics");
  }

  @Test
  void comparesOnlyTheLowWordOn32BitArchitecturesLikeLibseccomp() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW,
                List.of(SCMP_ARCH_X86),
                rule(
                    SCMP_ACT_ERRNO,
                    9,
                    List.of("read"),
                    new ArgCondition(0, 0x1_0000_0005L, SCMP_CMP_EQ)),
                rule(
                    SCMP_ACT_ERRNO,
                    10,
                    List.of("write"),
                    new ArgCondition(
                        0, 0xff00_0000_0000_0000L, 0x0100_0000_0000_0000L, SCMP_CMP_MASKED_EQ))));

    assertEquals(errno(9), run(filter, AUDIT_I386, 3, 5)); // read is 3 on i386
    assertEquals(ALLOW, run(filter, AUDIT_I386, 3, 6));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0, 5));
    assertEquals(errno(9), run(filter, AUDIT_X86_64, 0, 0x1_0000_0005L));
    // A mask with no low bits always holds on i386: the rule becomes unconditional.
    assertEquals(errno(10), run(filter, AUDIT_I386, 4, 0));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 1, 0));
  }

  @Test
  void andsTheArgumentsOfARule() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW,
                List.of(),
                rule(
                    SCMP_ACT_ERRNO,
                    9,
                    List.of("read"),
                    new ArgCondition(0, 1, SCMP_CMP_EQ),
                    new ArgCondition(1, 2, SCMP_CMP_EQ),
                    new ArgCondition(5, 0x1_0000_0000L, SCMP_CMP_GE))));

    assertEquals(errno(9), run(filter, AUDIT_X86_64, 0, 1, 2, 0, 0, 0, 0x1_0000_0000L));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0, 1, 2, 0, 0, 0, 0xffff_ffffL));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0, 1, 3, 0, 0, 0, 0x1_0000_0000L));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0, 0, 2, 0, 0, 0, 0x1_0000_0000L));
  }

  @Test
  void orsConditionsOnARepeatedArgumentIndexLikeRunc() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW,
                List.of(),
                rule(
                    SCMP_ACT_ERRNO,
                    9,
                    List.of("read"),
                    new ArgCondition(0, 1, SCMP_CMP_EQ),
                    new ArgCondition(0, 2, SCMP_CMP_EQ),
                    new ArgCondition(1, 7, SCMP_CMP_EQ))));

    assertEquals(errno(9), run(filter, AUDIT_X86_64, 0, 1, 0));
    assertEquals(errno(9), run(filter, AUDIT_X86_64, 0, 2, 0));
    assertEquals(errno(9), run(filter, AUDIT_X86_64, 0, 3, 7));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0, 3, 0));
  }

  @Test
  void triesRulesForOneSyscallInProfileOrder() {
    SeccompProfile profile =
        new SeccompProfile(
            SCMP_ACT_ERRNO,
            38,
            List.of(),
            Set.of(),
            List.of(
                rule(
                    SCMP_ACT_ALLOW,
                    null,
                    List.of("personality"),
                    new ArgCondition(0, 1, SCMP_CMP_EQ)),
                rule(
                    SCMP_ACT_ERRNO,
                    13,
                    List.of("personality"),
                    new ArgCondition(0, 1, SCMP_CMP_GE)),
                rule(
                    SCMP_ACT_ALLOW,
                    null,
                    List.of("personality"),
                    new ArgCondition(0, 5, SCMP_CMP_EQ))));
    CompiledFilter filter = compileX86(profile);

    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 135, 1));
    assertEquals(errno(13), run(filter, AUDIT_X86_64, 135, 2));
    assertEquals(errno(13), run(filter, AUDIT_X86_64, 135, 5));
    assertEquals(errno(38), run(filter, AUDIT_X86_64, 135, 0));
  }

  @Test
  void letsAnUnconditionalRuleOverrideConditionalRulesLikeLibseccomp() {
    SeccompRule vsock =
        rule(SCMP_ACT_ERRNO, 13, List.of("socket"), new ArgCondition(0, 40, SCMP_CMP_EQ));
    SeccompRule allow = new SeccompRule(List.of("socket"), SCMP_ACT_ALLOW);
    for (SeccompProfile profile :
        List.of(
            profile(SeccompAction.SCMP_ACT_KILL, List.of(), vsock, allow),
            profile(SeccompAction.SCMP_ACT_KILL, List.of(), allow, vsock))) {
      assertEquals(ALLOW, run(compileX86(profile), AUDIT_X86_64, 41, 40));
    }

    CompiledFilter first =
        compileX86(
            profile(
                SeccompAction.SCMP_ACT_KILL,
                List.of(),
                rule(SCMP_ACT_ERRNO, 5, List.of("read")),
                new SeccompRule(List.of("read"), SCMP_ACT_ALLOW)));
    assertEquals(errno(5), run(first, AUDIT_X86_64, 0));
  }

  @Test
  void skipsRulesThatReturnTheDefaultActionLikeRunc() {
    // runc never hands such a rule to libseccomp, so it cannot shadow the rule after it.
    SeccompProfile profile =
        profile(
            SCMP_ACT_ERRNO,
            List.of(),
            rule(SCMP_ACT_ERRNO, 1, List.of("socket"), new ArgCondition(0, 40, SCMP_CMP_EQ)),
            rule(SCMP_ACT_ALLOW, null, List.of("socket"), new ArgCondition(0, 0, SCMP_CMP_GE)));

    assertEquals(ALLOW, run(compileX86(profile), AUDIT_X86_64, 41, 40));
  }

  @Test
  void killsThreadsOfArchitecturesNotInTheFilter() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW,
                List.of(SCMP_ARCH_X86_64),
                rule(SCMP_ACT_ERRNO, 1, List.of("mkdir"))));

    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0));
    assertEquals(KILL_THREAD, run(filter, AUDIT_I386, 3));
    assertEquals(KILL_THREAD, run(filter, AUDIT_AARCH64, 63));
    assertEquals(KILL_THREAD, run(filter, 0x1234_5678, 0));
  }

  @Test
  void alwaysFiltersTheNativeArchitectureLikeRunc() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW, List.of(SCMP_ARCH_X86), rule(SCMP_ACT_ERRNO, 1, List.of("mkdir"))));

    assertEquals(errno(1), run(filter, AUDIT_X86_64, 83));
    assertEquals(errno(1), run(filter, AUDIT_I386, 39));
    assertEquals(KILL_THREAD, run(filter, AUDIT_X86_64, X32_BIT + 83));
  }

  @Test
  void sendsX32SyscallsToTheBadArchActionWhenOnlyX86_64IsFiltered() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ERRNO,
                List.of(SCMP_ARCH_X86_64),
                rule(SCMP_ACT_ALLOW, null, List.of("read"))));

    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0));
    assertEquals(errno(1), run(filter, AUDIT_X86_64, 1));
    assertEquals(KILL_THREAD, run(filter, AUDIT_X86_64, X32_BIT));
    assertEquals(KILL_THREAD, run(filter, AUDIT_X86_64, X32_BIT + 1));
    assertEquals(KILL_THREAD, run(filter, AUDIT_X86_64, 0xffff_fffe));
    // -1 is how a tracer skips a syscall: libseccomp lets it reach the default action.
    assertEquals(errno(1), run(filter, AUDIT_X86_64, -1));
  }

  @Test
  void filtersX32SyscallsWithTheX32Table() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ERRNO,
                List.of(SCMP_ARCH_X86_64, SCMP_ARCH_X32),
                rule(SCMP_ACT_ALLOW, null, List.of("read", "uretprobe", "arch_prctl"))));

    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, X32_BIT));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, X32_BIT + 158));
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, X32_BIT + 335));
    assertEquals(errno(1), run(filter, AUDIT_X86_64, X32_BIT + 1));
    assertEquals(errno(1), run(filter, AUDIT_X86_64, X32_BIT + 100_000));
    assertEquals(errno(1), run(filter, AUDIT_X86_64, -1));
  }

  @Test
  void sendsX86_64SyscallsToTheBadArchActionWhenOnlyX32IsFiltered() {
    CompiledFilter filter =
        SeccompCompiler.compile(
            profile(
                SCMP_ACT_ERRNO,
                List.of(SCMP_ARCH_X32),
                rule(SCMP_ACT_ALLOW, null, List.of("read"))),
            SCMP_ARCH_AARCH64);

    assertEquals(ALLOW, run(filter, AUDIT_X86_64, X32_BIT));
    assertEquals(errno(1), run(filter, AUDIT_X86_64, X32_BIT + 1));
    assertEquals(KILL_THREAD, run(filter, AUDIT_X86_64, 0));
    assertEquals(errno(1), run(filter, AUDIT_X86_64, -1));
    assertEquals(ALLOW, run(filter, AUDIT_AARCH64, 63));
  }

  @Test
  void passesProfileFlags() {
    SeccompProfile profile =
        new SeccompProfile(
            SCMP_ACT_ALLOW,
            null,
            List.of(),
            EnumSet.of(
                SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC,
                SeccompFlag.SECCOMP_FILTER_FLAG_LOG,
                SeccompFlag.SECCOMP_FILTER_FLAG_SPEC_ALLOW,
                SeccompFlag.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV),
            List.of());
    CompiledFilter filter = compileX86(profile);

    // WAIT_KILLABLE_RECV is only valid next to NEW_LISTENER: the kernel refuses it alone.
    assertEquals(1 | 2 | 4, filter.flags());
    assertEquals(
        EnumSet.of(
            SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC,
            SeccompFlag.SECCOMP_FILTER_FLAG_LOG,
            SeccompFlag.SECCOMP_FILTER_FLAG_SPEC_ALLOW),
        filter.flagSet());
  }

  @Test
  void setsNewListenerWhenARuleNotifies() {
    CompiledFilter plain =
        compileX86(
            profile(SCMP_ACT_ALLOW, List.of(), rule(SCMP_ACT_NOTIFY, null, List.of("mkdir"))));
    assertEquals(8, plain.flags());
    assertEquals(NOTIFY, run(plain, AUDIT_X86_64, 83));

    SeccompProfile withFlags =
        new SeccompProfile(
            SCMP_ACT_ALLOW,
            null,
            List.of(),
            EnumSet.of(
                SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC,
                SeccompFlag.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV),
            List.of(rule(SCMP_ACT_NOTIFY, null, List.of("mkdir"))));
    // TSYNC with NEW_LISTENER needs TSYNC_ESRCH, or the kernel answers EINVAL.
    assertEquals(1 | 8 | 16 | 32, compileX86(withFlags).flags());
  }

  @Test
  void skipsAndReportsNamesAnArchitectureDoesNotHave() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ERRNO,
                List.of(SCMP_ARCH_X86_64, SCMP_ARCH_X86),
                rule(
                    SCMP_ACT_ALLOW,
                    null,
                    List.of("read", "no_such_syscall", "socketcall", "arch_prctl"))));

    assertEquals(
        Map.of(
            SCMP_ARCH_X86_64,
            List.of("no_such_syscall", "socketcall"),
            SCMP_ARCH_X86,
            List.of("no_such_syscall")),
        filter.skippedNames());
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0));
    assertEquals(ALLOW, run(filter, AUDIT_I386, 102));
    assertEquals(ALLOW, run(filter, AUDIT_I386, 384));
    assertEquals(errno(1), run(filter, AUDIT_X86_64, 102));
  }

  @Test
  void leavesOutArchitecturesWithoutATable() {
    CompiledFilter filter =
        compileX86(
            profile(
                SCMP_ACT_ALLOW, List.of(SeccompArch.SCMP_ARCH_S390X, SeccompArch.SCMP_ARCH_ARM)));

    assertEquals(
        Set.of(SeccompArch.SCMP_ARCH_S390X, SeccompArch.SCMP_ARCH_ARM),
        filter.skippedArchitectures());
    assertEquals(ALLOW, run(filter, AUDIT_X86_64, 0));
    assertEquals(KILL_THREAD, run(filter, 0x4000_0028, 0)); // AUDIT_ARCH_ARM
  }

  @Test
  void refusesProgramsLongerThanTheKernelAccepts() {
    List<SeccompRule> rules = new ArrayList<>();
    int i = 0;
    for (String name : allNames(SCMP_ARCH_X86_64)) {
      rules.add(
          rule(
              SCMP_ACT_ALLOW,
              null,
              List.of(name),
              new ArgCondition(0, i, SCMP_CMP_EQ),
              new ArgCondition(1, i++, SCMP_CMP_NE)));
    }
    SeccompProfile profile =
        new SeccompProfile(SCMP_ACT_ERRNO, null, List.of(SCMP_ARCH_X86), Set.of(), rules);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> compileX86(profile));
    assertTrue(
        e.getMessage()
            .matches(
                "seccomp profile compiles to \\d+ BPF instructions, more than the"
                    + " kernel's limit of 4096 \\(BPF_MAXINSNS\\)"),
        e.getMessage());
  }

  @Test
  void reachesFarTargetsThroughTrampolines() {
    // One conditional rule per x86_64 syscall makes a lookup tree far wider than 255.
    List<SeccompRule> rules = new ArrayList<>();
    List<String> names = allNames(SCMP_ARCH_X86_64);
    for (int i = 0; i < names.size(); i++) {
      rules.add(
          rule(SCMP_ACT_ERRNO, i, List.of(names.get(i)), new ArgCondition(0, i, SCMP_CMP_EQ)));
    }
    CompiledFilter filter =
        compileX86(new SeccompProfile(SCMP_ACT_ALLOW, null, List.of(), Set.of(), rules));
    assertTrue(BpfDisassembler.disassemble(filter.program()).contains(" jmp "));

    SyscallTable table = SyscallTable.of(SCMP_ARCH_X86_64);
    for (int i = 0; i < names.size(); i++) {
      int nr = table.number(names.get(i)).orElseThrow();
      assertEquals(errno(i), run(filter, AUDIT_X86_64, nr, i), names.get(i));
      assertEquals(ALLOW, run(filter, AUDIT_X86_64, nr, i + 1), names.get(i));
    }
  }

  @Test
  void isDeterministic() {
    SeccompProfile profile =
        profile(
            SCMP_ACT_ERRNO,
            List.of(SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_X32),
            rule(
                SCMP_ACT_ALLOW,
                null,
                List.of("read", "write", "clone"),
                new ArgCondition(0, 3, SCMP_CMP_NE)),
            rule(
                SCMP_ACT_ALLOW, null, List.of("personality"), new ArgCondition(0, 8, SCMP_CMP_EQ)));

    assertEquals(compileX86(profile), compileX86(profile));
  }

  static List<String> allNames(SeccompArch arch) {
    try (var in = SyscallTable.class.getResourceAsStream("syscalls-" + arch.tableName() + ".txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
          .lines()
          .filter(line -> !line.startsWith("#"))
          .map(line -> line.split(" ")[0])
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
