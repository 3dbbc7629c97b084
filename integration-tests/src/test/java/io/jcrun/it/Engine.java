package io.jcrun.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container engine's daemon or client started by a test, with its state in a temp dir, and
 * stopped by pid: nothing of the host's own engines is used or touched.
 */
final class Engine implements AutoCloseable {
  private final Process daemon;
  private final Path log;

  private Engine(Process daemon, Path log) {
    this.daemon = daemon;
    this.log = log;
  }

  /** Starts {@code command} and waits until {@code socket} appears. */
  static Engine start(Path log, Path socket, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    for (int i = 0; i < 300 && !Files.exists(socket); i++) {
      if (!p.isAlive()) {
        throw new IOException(command[0] + " exited: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    if (!Files.exists(socket)) {
      p.destroyForcibly();
      throw new IOException(command[0] + " did not open " + socket + ": " + Files.readString(log));
    }
    return new Engine(p, log);
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGTERM, then SIGKILL after 30 s; the daemon's own children (shims) go with it. */
  @Override
  public void close() throws Exception {
    daemon.destroy();
    if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
      daemon.descendants().forEach(ProcessHandle::destroyForcibly);
      daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** What a command printed (stdout and stderr together) and returned. */
  record Result(int status, String out) {
    @Override
    public String toString() {
      return "exit " + status + ":\n" + out;
    }
  }

  static Result run(Path cwd, List<String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectErrorStream(true);
    for (String e : env) {
      int eq = e.indexOf('=');
      pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // A file, not a pipe: a detached container inherits the output and would hold a pipe
    // open long after the command itself has finished.
    Path output = Files.createTempFile("engine-run", ".out");
    try {
      Process p = pb.redirectOutput(output.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish: "
            + Files.readString(output));
      }
      return new Result(p.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** {@code command} run in a pty made by script(1), as an interactive user would. */
  static Result inTerminal(Path cwd, List<String> env, String command) throws Exception {
    return run(cwd, env, "script", "-qec", command, "/dev/null");
  }

  static List<String> concat(List<String> a, String... b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }

  static boolean installed(String binary) {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }
}
