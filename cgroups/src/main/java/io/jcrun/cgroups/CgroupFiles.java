package io.jcrun.cgroups;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file operations a cgroup manager does on a cgroupfs: control files already exist (they are
 * written without creating them), directories are cgroups. {@link #host()} is the real one;
 * tests pass one that behaves like cgroupfs on a temporary directory.
 */
public interface CgroupFiles {

  /** The JDK's file system, as cgroupfs is seen from user space. */
  static CgroupFiles host() {
    return HostCgroupFiles.INSTANCE;
  }

  String read(Path file) throws CgroupException;

  /** One {@code write(2)} of {@code value} to the existing {@code file}. */
  void write(Path file, String value) throws CgroupException;

  boolean exists(Path path);

  /** {@code mkdir(2)}; false when the directory already existed. */
  boolean mkdir(Path dir) throws CgroupException;

  /** {@code rmdir(2)}: the failure keeps the errno, e.g. {@code EBUSY} while processes remain. */
  void rmdir(Path dir) throws CgroupException;

  /** The child directories (sub-cgroups) of {@code dir}, sorted by name. */
  List<Path> subdirectories(Path dir) throws CgroupException;

  /** The names of every entry of {@code dir} (control files and sub-cgroups), sorted. */
  List<String> entries(Path dir) throws CgroupException;

  /** The content of {@code file}, or empty when it does not exist. */
  default Optional<String> readIfExists(Path file) throws CgroupException {
    try {
      return Optional.of(read(file));
    } catch (CgroupException e) {
      if (e.is(io.jcrun.linux.Errno.ENOENT)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A single unsigned 64-bit value; {@code max} reads as all ones ({@code -1L}). */
  default long readUint64(Path file) throws CgroupException {
    return parseUint64(read(file).trim(), file);
  }

  /** A flat keyed file ({@code KEY VALUE} per line, as cgroup-v2.rst calls it). */
  default Map<String, Long> readFlatKeyed(Path file) throws CgroupException {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : read(file).split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        values.put(parts[0], parseUint64(parts[1], file));
      }
    }
    return values;
  }

  /** Parses an unsigned 64-bit cgroup value, {@code max} as all ones. */
  static long parseUint64(String text, Path file) throws CgroupException {
    if (text.equals("max")) {
      return -1L;
    }
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new CgroupException("parse " + file + ": \"" + text + "\" is not an unsigned number");
    }
  }
}
