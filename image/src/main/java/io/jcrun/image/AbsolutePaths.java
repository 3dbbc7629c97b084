package io.jcrun.image;

import java.nio.file.Path;

/**
 * Checks that a path handed to the library is absolute: resolving a relative one would read the
 * JVM's working directory, which is not the request's (see ARCHITECTURE.md 4); the CLI resolves
 * paths against the request's own cwd.
 */
public final class AbsolutePaths {
  private AbsolutePaths() {}

  /** {@code path}, normalized; throws when it is relative. */
  public static Path require(Path path, String what) {
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(what + " " + path + " is not an absolute path");
    }
    return path.normalize();
  }
}
