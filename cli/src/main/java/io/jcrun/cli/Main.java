package io.jcrun.cli;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The process entry point: the only place that reads the process's argv, environment, cwd and
 * stdio, and the only place that exits.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String home = System.getProperty("jcrun.home", ".");
    Request request = new Request(Arrays.asList(args), System.getenv(),
        Path.of("").toAbsolutePath(), Path.of(home).toAbsolutePath(), System.in, System.out,
        System.err);
    int status = new Jcrun(request).execute();
    System.out.flush();
    System.err.flush();
    System.exit(status);
  }
}
