package io.jcrun.image.load;

import io.jcrun.image.ImageException;
import io.jcrun.image.layer.Compression;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.layer.TarEntry;
import io.jcrun.image.layer.TarEntryType;
import io.jcrun.image.layer.TarReader;
import io.jcrun.linux.ContainerPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Extracts an image archive (a tar of an OCI layout or a {@code docker save}, maybe gzip or zstd
 * compressed) into a staging dir in one sequential pass. Only regular files and directories are
 * written; the archive's links become aliases resolved by name, so the staging dir holds no
 * symlink, and names cleaned into it cannot leave it.
 */
final class ArchiveStager {
  private ArchiveStager() {}

  static LayoutDirectory stage(Path archive, Path into) throws IOException {
    Map<String, String> aliases = new HashMap<>();
    Files.createDirectories(into);
    try (InputStream raw = Files.newInputStream(archive);
        TarReader tar = new TarReader(Compression.decompress(raw))) {
      TarEntry e;
      while ((e = tar.next()) != null) {
        String name = ContainerPath.of("/" + e.name()).relative();
        if (name.isEmpty()) {
          continue;
        }
        switch (e.type()) {
          case DIRECTORY -> Files.createDirectories(into.resolve(name));
          case REGULAR -> {
            Path target = into.resolve(name);
            Files.createDirectories(target.getParent());
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
              tar.transferTo(out);
            }
          }
          case SYMLINK, HARDLINK -> aliases.put(name, aliasTarget(name, e));
          default -> {
            // devices and fifos have no place in an image archive
          }
        }
      }
    } catch (IOException e) {
      if (e instanceof ImageException) {
        throw e;
      }
      throw new ImageException("read archive " + archive + ": " + IoFailure.describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new ImageException("read archive " + archive + ": " + e.getMessage(), e);
    }
    return new LayoutDirectory(into, true, aliases);
  }

  /** A symlink's target is relative to its directory; a hard link's to the archive root. */
  private static String aliasTarget(String name, TarEntry e) {
    String link = e.linkName();
    if (e.type() == TarEntryType.HARDLINK || link.startsWith("/")) {
      return ContainerPath.of("/" + link).relative();
    }
    return ContainerPath.of("/" + name).parent().resolve(link).relative();
  }
}
