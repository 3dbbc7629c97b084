package io.jcrun.runtime.config;

import java.util.List;

/** One hook: executable, argv, environment and timeout in seconds (0 = none). */
public record HookConfig(String path, List<String> args, List<String> env, int timeoutSeconds) {
  public HookConfig {
    args = List.copyOf(args);
    env = List.copyOf(env);
  }
}
