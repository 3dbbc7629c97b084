package io.jcrun.namespaces;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a process's {@code uid_map}, {@code setgroups} and {@code gid_map} under an injected
 * {@code /proc}, in the order the kernel requires: {@code setgroups} before {@code gid_map},
 * each map in a single write.
 */
public final class IdMapWriter {
  private final Path procRoot;

  public IdMapWriter(Path procRoot) {
    this.procRoot = procRoot;
  }

  /**
   * @param allowSetgroups whether the container may call setgroups(2); an unprivileged writer
   *     must deny it before the kernel accepts a gid_map
   */
  public void write(int pid, List<IdMapping> uids, List<IdMapping> gids, boolean allowSetgroups)
      throws IOException {
    Path dir = procRoot.resolve(Integer.toString(pid));
    writeMap(dir.resolve("uid_map"), uids);
    if (!gids.isEmpty()) {
      Path setgroups = dir.resolve("setgroups");
      if (Files.exists(setgroups)) {
        writeOnce(setgroups, allowSetgroups ? "allow" : "deny");
      }
    }
    writeMap(dir.resolve("gid_map"), gids);
  }

  private static void writeMap(Path file, List<IdMapping> mappings) throws IOException {
    if (mappings.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (IdMapping m : mappings) {
      sb.append(m.line());
    }
    writeOnce(file, sb.toString());
  }

  private static void writeOnce(Path file, String content) throws IOException {
    try {
      Files.write(file, content.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new IOException("write " + content.strip().replace('\n', ',') + " to " + file + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }
}
