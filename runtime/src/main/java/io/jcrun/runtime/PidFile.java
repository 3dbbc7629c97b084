package io.jcrun.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a pid file as runc does and go-runc reads it: decimal digits, no newline, written to
 * a dot-file next to it and renamed so no reader sees a partial file.
 */
public final class PidFile {
  private PidFile() {}

  public static void write(Path file, int pid) throws JcrunException {
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName());
    try {
      Files.write(tmp, Integer.toString(pid).getBytes(StandardCharsets.US_ASCII));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new JcrunException("write pid file " + target + ": " + e.getMessage(), e);
    }
  }
}
