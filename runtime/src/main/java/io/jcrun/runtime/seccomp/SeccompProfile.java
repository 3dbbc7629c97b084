package io.jcrun.runtime.seccomp;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * jcrun's model of OCI {@code linux.seccomp}: the action for syscalls no rule matches, the
 * architectures to filter besides the host's, the seccomp(2) flags and the rules. Immutable. {@code
 * defaultErrnoRet} (null for EPERM) applies to an ERRNO or TRACE default action.
 */
public record SeccompProfile(
    SeccompAction defaultAction,
    Integer defaultErrnoRet,
    List<SeccompArch> architectures,
    Set<SeccompFlag> flags,
    List<SeccompRule> rules) {
  public SeccompProfile {
    Objects.requireNonNull(defaultAction, "defaultAction");
    // The process that loads the filter must still hand the listener fd to the supervisor;
    // with NOTIFY as the default those very syscalls would wait for a supervisor that never
    // gets the fd. libseccomp and runc refuse it for the same reason.
    if (defaultAction == SeccompAction.SCMP_ACT_NOTIFY) {
      throw new IllegalArgumentException(
          "defaultAction \"SCMP_ACT_NOTIFY\" is not allowed: the listener fd could never be sent");
    }
    SeccompRule.requireErrnoRet(defaultErrnoRet);
    architectures = architectures == null ? List.of() : List.copyOf(architectures);
    flags = flags == null ? Set.of() : Set.copyOf(flags);
    rules = rules == null ? List.of() : List.copyOf(rules);
  }
}
