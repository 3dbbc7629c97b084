package io.jcrun.image.layer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Renders an {@link IOException} as the cause part of a one-line error message. */
public final class IoFailure {
  private IoFailure() {}

  /** {@code no such file or directory}, the kernel's text, or the exception's message. */
  public static String describe(IOException e) {
    String kind = switch (e) {
      case NoSuchFileException _ -> "no such file or directory";
      case AccessDeniedException _ -> "permission denied";
      case FileAlreadyExistsException _ -> "file exists";
      case DirectoryNotEmptyException _ -> "directory not empty";
      case NotDirectoryException _ -> "not a directory";
      default -> null;
    };
    if (kind != null) {
      return kind;
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return lowerFirst(fs.getReason());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
