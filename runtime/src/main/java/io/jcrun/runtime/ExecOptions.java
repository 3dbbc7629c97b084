package io.jcrun.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code exec} runs and how: a process JSON file ({@code --process}), or the arguments and
 * flags that change the container's own process into the new one, as runc builds it.
 */
public record ExecOptions(
    Optional<Path> processFile,
    List<String> args,
    boolean tty,
    Optional<String> consoleSocket,
    Optional<String> pidfdSocket,
    Optional<Path> pidFile,
    boolean detach,
    Optional<String> cwd,
    List<String> env,
    Optional<String> user,
    List<String> addCapabilities,
    List<Long> additionalGids,
    boolean noNewPrivileges,
    int preserveFds,
    boolean ignorePaused,
    Optional<String> cgroup) {

  public ExecOptions {
    args = List.copyOf(args);
    env = List.copyOf(env);
    addCapabilities = List.copyOf(addCapabilities);
    additionalGids = List.copyOf(additionalGids);
  }
}
