package io.jcrun.runtime.seccomp;

import io.jcrun.runtime.seccomp.BpfInterpreter.SeccompData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The filter semantics {@link SeccompCompiler} documents, evaluated directly on a profile without
 * BPF: the oracle for randomized tests of the code generator.
 */
final class ReferenceFilter {
  private static final int X32_BIT = 0x4000_0000;

  private ReferenceFilter() {}

  static int evaluate(SeccompProfile profile, SeccompArch nativeArch, SeccompData data) {
    Set<SeccompArch> archs = new LinkedHashSet<>();
    archs.add(nativeArch);
    archs.addAll(profile.architectures());
    archs.removeIf(arch -> !arch.supported());
    int defaultReturn = profile.defaultAction().returnValue(profile.defaultErrnoRet());

    List<SeccompArch> sameAudit = new ArrayList<>();
    for (SeccompArch arch : archs) {
      if (arch.auditArch() == data.arch()) {
        sameAudit.add(arch);
      }
    }
    if (sameAudit.isEmpty()) {
      return SeccompCompiler.BAD_ARCH_RETURN;
    }
    SeccompArch arch = sameAudit.getFirst();
    if (data.arch() == SeccompArch.SCMP_ARCH_X86_64.auditArch()) {
      if (data.nr() == -1) {
        return defaultReturn;
      }
      arch =
          Integer.compareUnsigned(data.nr(), X32_BIT) >= 0
              ? SeccompArch.SCMP_ARCH_X32
              : SeccompArch.SCMP_ARCH_X86_64;
      if (!archs.contains(arch)) {
        return SeccompCompiler.BAD_ARCH_RETURN;
      }
    }

    SyscallTable table = SyscallTable.of(arch);
    List<SeccompRule> rules = new ArrayList<>();
    for (SeccompRule rule : profile.rules()) {
      boolean names =
          rule.names().stream().anyMatch(name -> table.number(name).orElse(-2) == data.nr());
      if (names && rule.action().returnValue(rule.errnoRet()) != defaultReturn) {
        rules.add(rule);
      }
    }
    for (SeccompRule rule : rules) {
      if (alwaysMatches(rule, arch)) {
        return rule.action().returnValue(rule.errnoRet());
      }
    }
    for (SeccompRule rule : rules) {
      if (matches(rule, arch, data)) {
        return rule.action().returnValue(rule.errnoRet());
      }
    }
    return defaultReturn;
  }

  private static boolean orsConditions(SeccompRule rule) {
    Set<Integer> seen = new HashSet<>();
    return !rule.args().stream().allMatch(arg -> seen.add(arg.index()));
  }

  private static boolean alwaysMatches(SeccompRule rule, SeccompArch arch) {
    if (orsConditions(rule)) {
      return rule.args().stream().anyMatch(arg -> tautology(arg, arch));
    }
    return rule.args().stream().allMatch(arg -> tautology(arg, arch));
  }

  private static boolean tautology(ArgCondition arg, SeccompArch arch) {
    long width = arch.has32BitArgs() ? 0xffff_ffffL : -1L;
    return arg.op() == CompareOp.SCMP_CMP_MASKED_EQ && (arg.value() & width) == 0;
  }

  private static boolean matches(SeccompRule rule, SeccompArch arch, SeccompData data) {
    if (orsConditions(rule)) {
      return rule.args().stream().anyMatch(arg -> holds(arg, arch, data));
    }
    return rule.args().stream().allMatch(arg -> holds(arg, arch, data));
  }

  private static boolean holds(ArgCondition arg, SeccompArch arch, SeccompData data) {
    long value = data.args()[arg.index()];
    if (arch.has32BitArgs()) {
      long low = 0xffff_ffffL;
      return arg.op().test(value & low, arg.value() & low, arg.valueTwo() & low);
    }
    return arg.test(value);
  }
}
