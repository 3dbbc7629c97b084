package io.jcrun.cgroups;

import io.jcrun.linux.Errno;
import io.jcrun.linux.SyscallException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Optional;

/**
 * A failed cgroup operation, read {@code <operation> <subject>: <cause>}, e.g. {@code write "max"
 * to /sys/fs/cgroup/jcrun/abc/pids.max: Device or resource busy}. Keeps the errno when the
 * failure came from the kernel, so callers can branch on it.
 */
public final class CgroupException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Errno errno;

  public CgroupException(String message) {
    this(message, null, null);
  }

  public CgroupException(String message, Throwable cause) {
    this(message, errnoOf(cause), cause);
  }

  public CgroupException(String message, Errno errno, Throwable cause) {
    super(message, cause);
    this.errno = errno;
  }

  /**
   * A failed file operation of the JDK as {@code <operation>: <strerror text>}; the JDK reports
   * the kernel's errno only as glibc's text, so the errno is recovered from that text.
   */
  public static CgroupException of(String operation, IOException e) {
    Errno errno = errnoOf(e);
    String reason = errno != null ? errno.description() : String.valueOf(e.getMessage());
    return new CgroupException(operation + ": " + reason, errno, e);
  }

  /** The kernel's errno, when the failure came from a system call. */
  public Optional<Errno> errno() {
    return Optional.ofNullable(errno);
  }

  public boolean is(Errno e) {
    return errno == e;
  }

  static Errno errnoOf(Throwable e) {
    return switch (e) {
      case null -> null;
      case CgroupException c -> c.errno;
      case SyscallException s -> Errno.of(s.errno());
      case NoSuchFileException x -> Errno.ENOENT;
      case AccessDeniedException x -> Errno.EACCES;
      case FileAlreadyExistsException x -> Errno.EEXIST;
      case DirectoryNotEmptyException x -> Errno.ENOTEMPTY;
      case NotDirectoryException x -> Errno.ENOTDIR;
      case FileSystemException f -> byDescription(f.getReason());
      case IOException io -> byDescription(io.getMessage());
      default -> null;
    };
  }

  private static Errno byDescription(String text) {
    if (text == null) {
      return null;
    }
    for (Errno e : Errno.values()) {
      if (e.description().equals(text)) {
        return e;
      }
    }
    return null;
  }
}
