package io.jcrun.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs the external tools the integration tests compare against (umoci, skopeo, chroot). */
public final class Commands {
  private Commands() {}

  /** Runs {@code command}; returns its stdout, or fails with its stderr. */
  public static String run(Path cwd, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(cwd == null ? null : cwd.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IOException(String.join(" ", command) + ": exit " + rc + ": "
          + new String(err, UTF_8).trim());
    }
    return new String(out, UTF_8);
  }

  public static String run(String... command) throws IOException, InterruptedException {
    return run(null, command);
  }

  /** Whether {@code tool} runs at all (for assumeTrue). */
  public static boolean available(String... versionCommand) {
    try {
      return new ProcessBuilder(versionCommand).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  public static List<String> lines(String text) {
    return text.lines().toList();
  }
}
