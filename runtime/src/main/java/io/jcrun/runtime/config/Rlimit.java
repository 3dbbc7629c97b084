package io.jcrun.runtime.config;

import java.util.List;

/** One {@code process.rlimits} entry as setrlimit(2) takes it; -1 is RLIM_INFINITY. */
public record Rlimit(String name, int resource, long soft, long hard) {
  /** The resource names setrlimit(2) knows, in their kernel order (index = number). */
  public static final List<String> NAMES = List.of(
      "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
      "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
      "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");
}
