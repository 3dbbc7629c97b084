package io.jcrun.cgroups;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code sh -c} script for integration tests that waits on its stdin before it runs, so the test
 * can move it into a cgroup first and everything the script does happens inside the cgroup.
 */
public final class GatedShell implements AutoCloseable {
  private final Process process;

  private GatedShell(Process process) {
    this.process = process;
  }

  public static GatedShell start(String script) throws IOException {
    return new GatedShell(new ProcessBuilder("sh", "-c", "read go; " + script)
        .redirectErrorStream(true).start());
  }

  public int pid() {
    return (int) process.pid();
  }

  /** Lets the script run. */
  public void release() throws IOException {
    OutputStream in = process.getOutputStream();
    in.write("go\n".getBytes(UTF_8));
    in.flush();
  }

  /** Waits for the script to end and returns what it printed. */
  public String output(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the script is still running after " + timeout);
    }
    return new String(process.getInputStream().readAllBytes(), UTF_8);
  }

  public boolean exited(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
