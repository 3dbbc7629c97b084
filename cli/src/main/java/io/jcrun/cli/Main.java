package io.jcrun.cli;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The process entry point: the only place that reads the process's argv, environment, cwd and
 * stdio, and the only place that exits.
 */
public final class Main {
  private Main() {}

  /** The effective uid, from /proc/self/status (no native call: most verbs need none). */
  static int effectiveUid() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.split("\\s+")[2]);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("read /proc/self/status", e);
    }
    throw new IllegalStateException("no Uid line in /proc/self/status");
  }

  public static void main(String[] args) {
    String home = System.getProperty("jcrun.home", ".");
    Request request = new Request(Arrays.asList(args), System.getenv(),
        Path.of("").toAbsolutePath(), effectiveUid(), Path.of(home).toAbsolutePath(), System.in,
        System.out, System.err);
    int status = new Jcrun(request).execute();
    System.out.flush();
    System.err.flush();
    System.exit(status);
  }
}
