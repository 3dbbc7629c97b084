package io.jcrun.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code process} object of {@code config.json}, also the JSON that {@code exec --process}
 * reads. Enum-like values (rlimit types, capabilities, scheduler policy) stay strings.
 */
public record Process(
    Boolean terminal,
    ConsoleSize consoleSize,
    User user,
    List<String> args,
    String commandLine,
    List<String> env,
    String cwd,
    Capabilities capabilities,
    List<Rlimit> rlimits,
    Boolean noNewPrivileges,
    String apparmorProfile,
    Integer oomScoreAdj,
    Scheduler scheduler,
    String selinuxLabel,
    IoPriority ioPriority,
    @JsonProperty("execCPUAffinity") CpuAffinity execCpuAffinity) {

  /** {@code process.consoleSize}: the terminal size in characters (the spec's {@code Box}). */
  public record ConsoleSize(Long height, Long width) {}

  /** {@code process.user}; uid, gid, umask and additional gids are unsigned 32-bit values. */
  public record User(Long uid, Long gid, Long umask, List<Long> additionalGids, String username) {}

  /** {@code process.capabilities}: capability names such as {@code CAP_KILL}, per set. */
  public record Capabilities(
      List<String> bounding,
      List<String> effective,
      List<String> inheritable,
      List<String> permitted,
      List<String> ambient) {}

  /**
   * One {@code process.rlimits} entry. The limits are unsigned 64-bit, so {@code RLIM_INFINITY}
   * (18446744073709551615) reads as {@code -1L}; see {@link Uint64}.
   */
  public record Rlimit(String type, @Uint64 Long hard, @Uint64 Long soft) {}

  /** {@code process.scheduler}: the arguments of {@code sched_setattr(2)}. */
  public record Scheduler(
      String policy,
      Integer nice,
      Integer priority,
      List<String> flags,
      @Uint64 Long runtime,
      @Uint64 Long deadline,
      @Uint64 Long period) {}

  /** {@code process.ioPriority}: an {@code IOPRIO_CLASS_*} class and a level, for ioprio_set(2). */
  public record IoPriority(@JsonProperty("class") String ioClass, Integer priority) {}

  /**
   * {@code process.execCPUAffinity}: CPU lists ({@code "0-3,7"}) applied before and after the
   * runtime moves the process into the container's cgroup.
   */
  public record CpuAffinity(String initial, @JsonProperty("final") String finalCpus) {}
}
