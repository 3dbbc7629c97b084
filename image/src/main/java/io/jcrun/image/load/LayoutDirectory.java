package io.jcrun.image.load;

import io.jcrun.linux.ContainerPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files of an image archive: a directory the user named, or one staged from a tar archive
 * into the store's tmp (then {@code staged}, its files may be hard-linked into the blobs). Names
 * from the archive's JSON are cleaned lexically into the directory; {@code aliases} are the
 * archive's links, resolved by name rather than on disk.
 */
public final class LayoutDirectory {
  private static final int MAX_ALIASES = 16;

  private final Path root;
  private final boolean staged;
  private final Map<String, String> aliases;

  public LayoutDirectory(Path root, boolean staged, Map<String, String> aliases) {
    this.root = root;
    this.staged = staged;
    this.aliases = Map.copyOf(aliases);
  }

  public Path root() {
    return root;
  }

  /** The cleaned, alias-resolved name of {@code name} inside the archive, without leading "/". */
  String canonical(String name) {
    String path = ContainerPath.of("/" + name).relative();
    for (int hops = 0; hops < MAX_ALIASES; hops++) {
      String resolved = resolveOnce(path);
      if (resolved.equals(path)) {
        return path;
      }
      path = resolved;
    }
    return path;
  }

  private String resolveOnce(String path) {
    String[] parts = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      prefix.append(i == 0 ? "" : "/").append(parts[i]);
      String target = aliases.get(prefix.toString());
      if (target != null) {
        StringBuilder rest = new StringBuilder(target);
        for (int j = i + 1; j < parts.length; j++) {
          rest.append('/').append(parts[j]);
        }
        return ContainerPath.of("/" + rest).relative();
      }
    }
    return path;
  }

  /** The file for an archive name. Names are cleaned, so the file is inside {@link #root()}. */
  public Path file(String name) {
    return root.resolve(canonical(name));
  }

  public boolean exists(String name) {
    return Files.isRegularFile(file(name));
  }

  public InputStream open(String name) throws IOException {
    return Files.newInputStream(file(name));
  }

  public long size(String name) throws IOException {
    return Files.size(file(name));
  }

  /** The staged file of {@code name}, which may be linked into the store; null for user dirs. */
  public Path stagedFile(String name) {
    Path file = file(name);
    return staged && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
  }
}
