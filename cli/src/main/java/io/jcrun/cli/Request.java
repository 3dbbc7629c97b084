package io.jcrun.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One invocation of jcrun: its arguments, environment, working directory, caller's effective
 * uid, installation directory and streams. Everything below {@link Main} reads these, never
 * the process's own, so one JVM could serve several requests.
 */
public record Request(List<String> args, Map<String, String> env, Path cwd, int euid, Path home,
    InputStream in, PrintStream out, PrintStream err) {

  public Request {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  /** {@code path} resolved against the request's working directory. */
  public Path resolve(String path) {
    return cwd.resolve(path).normalize();
  }
}
