package io.jcrun.runtime.seccomp;

import java.util.List;
import java.util.Objects;

/**
 * An OCI {@code syscalls} entry: {@code action} for the named syscalls when every condition in
 * {@code args} holds. Immutable. {@code errnoRet} (null for the default) is the errno of
 * SCMP_ACT_ERRNO and the message of SCMP_ACT_TRACE.
 */
public record SeccompRule(
    List<String> names, SeccompAction action, Integer errnoRet, List<ArgCondition> args) {
  public SeccompRule {
    names = List.copyOf(names);
    Objects.requireNonNull(action, "action");
    args = args == null ? List.of() : List.copyOf(args);
    requireErrnoRet(errnoRet);
  }

  /** An unconditional rule with the action's default errno. */
  public SeccompRule(List<String> names, SeccompAction action) {
    this(names, action, null, List.of());
  }

  /** SECCOMP_RET_DATA is 16 bits wide. */
  static void requireErrnoRet(Integer errnoRet) {
    if (errnoRet != null && (errnoRet < 0 || errnoRet > 0xffff)) {
      throw new IllegalArgumentException("errnoRet " + errnoRet + " is not in [0, 65535]");
    }
  }
}
