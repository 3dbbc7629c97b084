package io.jcrun.runtime.seccomp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compiles a {@link SeccompProfile} into a classic BPF seccomp program, in pure Java, with the
 * semantics runc gets from libseccomp. Stateless.
 *
 * <p>Architectures. The host's architecture is always filtered, then the profile's, as runc's
 * libseccomp filter starts with the native arch and adds the listed ones. A syscall whose {@code
 * seccomp_data.arch} is not filtered gets libseccomp's default bad-arch action,
 * SECCOMP_RET_KILL_THREAD. x86_64 and x32 share AUDIT_ARCH_X86_64 and differ by bit 0x40000000
 * (__X32_SYSCALL_BIT) of the syscall number; as libseccomp does:
 *
 * <ul>
 *   <li>both filtered: one lookup over both tables, unknown numbers get the default action;
 *   <li>x86_64 only: numbers from 0x40000000 up get the bad-arch action, except -1 (0xffffffff),
 *       which a tracer uses to skip a syscall and which gets the default action;
 *   <li>x32 only: numbers below 0x40000000 get the bad-arch action.
 * </ul>
 *
 * <p>Rules, as runc feeds them to libseccomp:
 *
 * <ol>
 *   <li>A rule whose return value (action and errno) equals the default action's is skipped (runc's
 *       {@code matchCall}: "this rule is redundant").
 *   <li>A name the architecture has no syscall for is skipped, and reported in {@link
 *       CompiledFilter#skippedNames()}.
 *   <li>The args of a rule are ANDed. If one argument index appears twice in a rule, runc instead
 *       adds each condition as its own rule, so they are ORed; so are they here.
 *   <li>An unconditional rule for a syscall overrides all its conditional rules, and the first
 *       unconditional rule wins: libseccomp drops conditional chains when an unconditional rule
 *       arrives and ignores rules that arrive after one.
 *   <li>Otherwise the conditional rules are tried in profile order and the first that matches
 *       decides; if none matches, the default action applies. (libseccomp refuses two rules with
 *       equal conditions and different actions with EEXIST, so runc fails where jcrun picks the
 *       first; overlapping rules with different actions have no other defined order in libseccomp.)
 * </ol>
 *
 * <p>Values. SCMP_ACT_ERRNO and SCMP_ACT_TRACE return errnoRet, EPERM when unset (runc's default
 * for both). Arguments are compared as unsigned 64-bit numbers, high word first, on 64-bit ABIs; on
 * i386 only the low 32 bits of the argument and of the values take part, like libseccomp, since the
 * kernel zero-extends 32-bit arguments. MASKED_EQ compares {@code arg & value} with {@code valueTwo
 * & value}.
 *
 * <p>Flags. The profile's flags are passed on; SECCOMP_FILTER_FLAG_NEW_LISTENER is added when any
 * rule uses SCMP_ACT_NOTIFY (the runtime then owes the listener fd to the profile's listenerPath),
 * TSYNC_ESRCH next to TSYNC and NEW_LISTENER (the kernel refuses the pair otherwise), and
 * WAIT_KILLABLE_RECV is kept only with NEW_LISTENER (the kernel refuses it alone), as libseccomp
 * does.
 */
public final class SeccompCompiler {
  /** libseccomp's default SCMP_FLTATR_ACT_BADARCH, which runc leaves as it is. */
  static final int BAD_ARCH_RETURN = SeccompAction.SCMP_ACT_KILL_THREAD.returnValue(null);

  private static final long X32_SYSCALL_BIT = 0x4000_0000L;

  /** seccomp_data.nr as unsigned: a tracer sets -1 to skip the syscall. */
  private static final long SKIPPED_SYSCALL = 0xffff_ffffL;

  private static final long NUMBER_SPACE = 1L << 32;

  private SeccompCompiler() {}

  /** Compiles {@code profile} for the host the JVM runs on. */
  public static CompiledFilter compile(SeccompProfile profile) {
    return compile(profile, SeccompArch.nativeArch());
  }

  /**
   * Compiles {@code profile} as runc would on a host of architecture {@code nativeArch}.
   *
   * @throws IllegalArgumentException if the program exceeds the kernel's 4096 instructions or
   *     {@code nativeArch} has no syscall table
   */
  public static CompiledFilter compile(SeccompProfile profile, SeccompArch nativeArch) {
    if (!nativeArch.supported()) {
      throw new IllegalArgumentException(
          "seccomp: host architecture " + nativeArch + " has no syscall table in jcrun");
    }
    Set<SeccompArch> archs = new LinkedHashSet<>();
    archs.add(nativeArch);
    archs.addAll(profile.architectures());
    Set<SeccompArch> skippedArchs = EnumSet.noneOf(SeccompArch.class);
    Map<Integer, List<SeccompArch>> byAuditArch = new LinkedHashMap<>();
    for (SeccompArch arch : archs) {
      if (arch.supported()) {
        byAuditArch.computeIfAbsent(arch.auditArch(), k -> new ArrayList<>()).add(arch);
      } else {
        skippedArchs.add(arch);
      }
    }

    int defaultReturn = profile.defaultAction().returnValue(profile.defaultErrnoRet());
    Map<SeccompArch, List<String>> skippedNames = new EnumMap<>(SeccompArch.class);
    List<ArchFilter> filters = new ArrayList<>();
    for (Map.Entry<Integer, List<SeccompArch>> group : byAuditArch.entrySet()) {
      TreeMap<Long, SyscallDecision> decisions = new TreeMap<>();
      for (SeccompArch arch : group.getValue()) {
        Set<String> skipped = new LinkedHashSet<>();
        decisions.putAll(decisions(profile, arch, defaultReturn, skipped));
        if (!skipped.isEmpty()) {
          skippedNames.put(arch, List.copyOf(skipped));
        }
      }
      filters.add(
          new ArchFilter(
              group.getKey(),
              group.getValue().getFirst().has32BitArgs(),
              ranges(decisions, group.getValue(), defaultReturn)));
    }

    List<BpfInstruction> program = FilterCodeGenerator.generate(filters, BAD_ARCH_RETURN);
    if (program.size() > BpfInstruction.MAX_INSTRUCTIONS) {
      throw new IllegalArgumentException(
          "seccomp profile compiles to "
              + program.size()
              + " BPF instructions, more than the"
              + " kernel's limit of "
              + BpfInstruction.MAX_INSTRUCTIONS
              + " (BPF_MAXINSNS)");
    }
    return new CompiledFilter(
        BpfInstruction.encode(program), flags(profile), skippedNames, skippedArchs);
  }

  /** The decision for every syscall of {@code arch} that a rule names, by number. */
  private static Map<Long, SyscallDecision> decisions(
      SeccompProfile profile, SeccompArch arch, int defaultReturn, Set<String> skipped) {
    SyscallTable table = SyscallTable.of(arch);
    Map<Long, List<SyscallDecision.Branch>> branches = new TreeMap<>();
    for (SeccompRule rule : profile.rules()) {
      int returnValue = rule.action().returnValue(rule.errnoRet());
      if (returnValue == defaultReturn) {
        continue;
      }
      List<SyscallDecision.Branch> ruleBranches = new ArrayList<>();
      for (List<ArgCondition> conditions : alternatives(rule.args(), arch)) {
        ruleBranches.add(new SyscallDecision.Branch(conditions, returnValue));
      }
      for (String name : rule.names()) {
        OptionalInt number = table.number(name);
        if (number.isEmpty()) {
          skipped.add(name);
          continue;
        }
        branches
            .computeIfAbsent(Integer.toUnsignedLong(number.getAsInt()), k -> new ArrayList<>())
            .addAll(ruleBranches);
      }
    }
    Map<Long, SyscallDecision> decisions = new TreeMap<>();
    branches.forEach(
        (number, list) -> {
          Optional<SyscallDecision.Branch> unconditional =
              list.stream().filter(b -> b.conditions().isEmpty()).findFirst();
          decisions.put(
              number,
              unconditional.isPresent()
                  ? SyscallDecision.returning(unconditional.get().returnValue())
                  : new SyscallDecision(list, defaultReturn));
        });
    return decisions;
  }

  /**
   * The condition lists of one rule, any of which matches: one list (ANDed) normally, one list per
   * condition when an argument index repeats (runc's "revert to old behavior"). Conditions that
   * always hold on {@code arch} are dropped, so a list may be empty: unconditional.
   */
  private static List<List<ArgCondition>> alternatives(List<ArgCondition> args, SeccompArch arch) {
    Set<Integer> indexes = new TreeSet<>();
    boolean repeated = false;
    for (ArgCondition arg : args) {
      repeated |= !indexes.add(arg.index());
    }
    List<List<ArgCondition>> alternatives = new ArrayList<>();
    if (repeated) {
      for (ArgCondition arg : args) {
        alternatives.add(reduce(arg, arch).map(List::of).orElse(List.of()));
      }
    } else {
      List<ArgCondition> all = new ArrayList<>();
      for (ArgCondition arg : args) {
        reduce(arg, arch).ifPresent(all::add);
      }
      alternatives.add(all);
    }
    return alternatives;
  }

  /**
   * {@code condition} as the filter for {@code arch} compares it, or empty if it always holds:
   * values cut to 32 bits on 32-bit ABIs, valueTwo masked (libseccomp's {@code
   * _db_node_mask_fixup}) or zeroed when unused, so equal conditions compare equal.
   */
  private static Optional<ArgCondition> reduce(ArgCondition condition, SeccompArch arch) {
    long width = arch.has32BitArgs() ? 0xffff_ffffL : -1L;
    long value = condition.value() & width;
    if (condition.op() != CompareOp.SCMP_CMP_MASKED_EQ) {
      return Optional.of(new ArgCondition(condition.index(), value, 0, condition.op()));
    }
    if (value == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new ArgCondition(condition.index(), value, condition.valueTwo() & value, condition.op()));
  }

  /**
   * Cuts the 32-bit syscall number space into ranges of equal decisions: the rules' syscalls, and
   * between them the default action, or the bad-arch action where x86_64 or x32 is not filtered.
   */
  private static NavigableMap<Long, SyscallDecision> ranges(
      TreeMap<Long, SyscallDecision> decisions, List<SeccompArch> archs, int defaultReturn) {
    boolean x86 =
        archs.contains(SeccompArch.SCMP_ARCH_X86_64) || archs.contains(SeccompArch.SCMP_ARCH_X32);
    SyscallDecision fallback = SyscallDecision.returning(defaultReturn);
    SyscallDecision badArch = SyscallDecision.returning(BAD_ARCH_RETURN);
    SyscallDecision below = fallback;
    SyscallDecision above = fallback;
    if (x86) {
      below = archs.contains(SeccompArch.SCMP_ARCH_X86_64) ? fallback : badArch;
      above = archs.contains(SeccompArch.SCMP_ARCH_X32) ? fallback : badArch;
    }

    TreeSet<Long> starts = new TreeSet<>();
    starts.add(0L);
    for (long number : decisions.keySet()) {
      starts.add(number);
      if (number + 1 < NUMBER_SPACE) {
        starts.add(number + 1);
      }
    }
    if (x86) {
      starts.add(X32_SYSCALL_BIT);
      starts.add(SKIPPED_SYSCALL);
    }
    NavigableMap<Long, SyscallDecision> ranges = new TreeMap<>();
    SyscallDecision previous = null;
    for (long start : starts) {
      SyscallDecision decision = decisions.get(start);
      if (decision == null) {
        decision = start == SKIPPED_SYSCALL ? fallback : start < X32_SYSCALL_BIT ? below : above;
      }
      if (!decision.equals(previous)) {
        ranges.put(start, decision);
        previous = decision;
      }
    }
    return ranges;
  }

  private static int flags(SeccompProfile profile) {
    int flags = 0;
    for (SeccompFlag flag : profile.flags()) {
      flags |= flag.bit();
    }
    boolean notify =
        profile.rules().stream().anyMatch(r -> r.action() == SeccompAction.SCMP_ACT_NOTIFY);
    int listener = SeccompFlag.SECCOMP_FILTER_FLAG_NEW_LISTENER.bit();
    if (notify) {
      flags |= listener;
    } else {
      flags &= ~(listener | SeccompFlag.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV.bit());
    }
    if (notify && (flags & SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC.bit()) != 0) {
      flags |= SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC_ESRCH.bit();
    }
    return flags;
  }
}
