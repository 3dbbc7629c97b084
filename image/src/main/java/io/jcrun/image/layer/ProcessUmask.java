package io.jcrun.image.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's umask, read from {@code /proc/self/status}: {@code umask(2)} can only be read by
 * changing it, and that is process-wide while other threads create files.
 */
final class ProcessUmask {
  private ProcessUmask() {}

  /** The umask, or 0777 when unknown, so that every created mode is then set explicitly. */
  static int read() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring(6).trim(), 8);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through: an unknown umask only costs an fchmodat per entry
    }
    return 0777;
  }
}
