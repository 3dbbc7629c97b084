package io.jcrun.runtime.seccomp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The syscall names and numbers of one architecture, read from the class-path resource {@code
 * syscalls-<arch>.txt} that {@code generate-tables.sh} writes. Immutable; the numbers are what the
 * kernel reports in seccomp_data.nr (x32 numbers include bit 0x40000000).
 */
final class SyscallTable {
  /**
   * Tables already read. They are constants of the class path, never request state, so a resident
   * JVM may share them between requests; a table is read the first time a profile filters its
   * architecture.
   */
  private static final Map<SeccompArch, SyscallTable> LOADED = new ConcurrentHashMap<>();

  private final SeccompArch arch;
  private final Map<String, Integer> numbers;

  private SyscallTable(SeccompArch arch, Map<String, Integer> numbers) {
    this.arch = arch;
    this.numbers = Map.copyOf(numbers);
  }

  /** The table of {@code arch}, which must be {@link SeccompArch#supported() supported}. */
  static SyscallTable of(SeccompArch arch) {
    return LOADED.computeIfAbsent(arch, SyscallTable::load);
  }

  /** The number of syscall {@code name} on this architecture, empty if it has no such call. */
  OptionalInt number(String name) {
    Integer number = numbers.get(name);
    return number == null ? OptionalInt.empty() : OptionalInt.of(number);
  }

  int size() {
    return numbers.size();
  }

  SeccompArch arch() {
    return arch;
  }

  private static SyscallTable load(SeccompArch arch) {
    String resource = "syscalls-" + arch.tableName() + ".txt";
    try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("seccomp: missing class-path resource " + resource);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      Map<String, Integer> numbers = new HashMap<>();
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 2) {
          throw new IllegalStateException(
              "seccomp: " + resource + ":" + lineNumber + ": expected \"name number\": " + line);
        }
        numbers.put(fields[0], Integer.parseUnsignedInt(fields[1]));
      }
      return new SyscallTable(arch, numbers);
    } catch (IOException e) {
      throw new UncheckedIOException("seccomp: read class-path resource " + resource, e);
    }
  }
}
