package io.jcrun.runtime.seccomp;

import java.util.List;

/** A {@code SECCOMP_FILTER_FLAG_*} of seccomp(2), with its bit. */
public enum SeccompFlag {
  SECCOMP_FILTER_FLAG_TSYNC(1),
  SECCOMP_FILTER_FLAG_LOG(1 << 1),
  SECCOMP_FILTER_FLAG_SPEC_ALLOW(1 << 2),
  /** Set by the compiler when a rule uses SCMP_ACT_NOTIFY; not a profile flag. */
  SECCOMP_FILTER_FLAG_NEW_LISTENER(1 << 3),
  /** Set by the compiler next to TSYNC and NEW_LISTENER; not a profile flag. */
  SECCOMP_FILTER_FLAG_TSYNC_ESRCH(1 << 4),
  SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV(1 << 5);

  /** The flags an OCI profile may list in {@code linux.seccomp.flags}. */
  private static final List<SeccompFlag> PROFILE_FLAGS =
      List.of(
          SECCOMP_FILTER_FLAG_TSYNC,
          SECCOMP_FILTER_FLAG_LOG,
          SECCOMP_FILTER_FLAG_SPEC_ALLOW,
          SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV);

  private final int bit;

  SeccompFlag(int bit) {
    this.bit = bit;
  }

  /**
   * Parses a flag name an OCI profile may list, such as {@code SECCOMP_FILTER_FLAG_TSYNC}.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code name} is not one
   */
  public static SeccompFlag parse(String name) {
    for (SeccompFlag flag : PROFILE_FLAGS) {
      if (flag.name().equals(name)) {
        return flag;
      }
    }
    throw new IllegalArgumentException("\"" + name + "\" is not one of " + PROFILE_FLAGS);
  }

  /** The flag's bit in the {@code flags} argument of seccomp(SECCOMP_SET_MODE_FILTER). */
  public int bit() {
    return bit;
  }
}
