package io.jcrun.image.layer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes a directory tree without following symlinks: a link inside is removed, never what it
 * points to. Only for trees this process owns (a layer being applied, a staging dir).
 */
public final class TreeRemoval {
  private TreeRemoval() {}

  /** Removes {@code root} and everything below; a missing root is not an error. */
  public static void remove(Path root) throws IOException {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      if (e.getFile() == null || Path.of(e.getFile()).equals(root)) {
        return;
      }
      throw e;
    }
  }
}
