package io.jcrun.spec;

import java.util.List;

/**
 * {@code linux.seccomp}: the filter as the spec writes it, with action, operator, architecture and
 * flag names still strings ({@code SCMP_ACT_ERRNO}, {@code SCMP_CMP_EQ}...).
 */
public record LinuxSeccomp(
    String defaultAction,
    Long defaultErrnoRet,
    List<String> architectures,
    List<String> flags,
    String listenerPath,
    String listenerMetadata,
    List<Syscall> syscalls) {

  /** A {@code syscalls} rule: the action taken for the named syscalls when all args match. */
  public record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) {}

  /**
   * An argument comparison: argument {@code index} compared by {@code op} with value (and valueTwo
   * for masks).
   */
  public record Arg(Long index, @Uint64 Long value, @Uint64 Long valueTwo, String op) {}
}
