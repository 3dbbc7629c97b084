package io.jcrun.runtime.config;

import io.jcrun.linux.ContainerPath;
import java.util.List;
import java.util.Optional;

/**
 * The container process, converted: what to exec and the identity and limits it runs with.
 * Immutable; {@code capabilities} empty means the config did not ask to change them.
 */
public record ProcessConfig(
    boolean terminal,
    int consoleHeight,
    int consoleWidth,
    List<String> args,
    List<String> env,
    ContainerPath cwd,
    int uid,
    int gid,
    List<Integer> additionalGids,
    Optional<Integer> umask,
    Optional<CapabilitySets> capabilities,
    boolean noNewPrivileges,
    List<Rlimit> rlimits,
    Optional<Integer> oomScoreAdj) {

  public ProcessConfig {
    args = List.copyOf(args);
    env = List.copyOf(env);
    additionalGids = List.copyOf(additionalGids);
    rlimits = List.copyOf(rlimits);
  }

  /** The value of {@code PATH} in the environment, used to look up {@code args[0]}. */
  public String searchPath() {
    for (String e : env) {
      if (e.startsWith("PATH=")) {
        return e.substring(5);
      }
    }
    return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  }
}
