package io.jcrun.cgroups;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cgroups of a process as {@code /proc/<pid>/cgroup} lists them: the path in each cgroup v1
 * hierarchy by controller (and {@code name=} for named hierarchies) and the cgroup v2 path.
 * Relative {@code cgroupsPath}s are placed from here.
 */
public record ProcessCgroups(Map<String, String> v1, Optional<String> unified) {
  /** A process in every root cgroup. */
  public static final ProcessCgroups ROOT = new ProcessCgroups(Map.of(), Optional.of("/"));

  public ProcessCgroups {
    v1 = java.util.Collections.unmodifiableMap(new TreeMap<>(v1));
  }

  /** Parses {@code hierarchy-ID:controller-list:cgroup-path} lines, see cgroups(7). */
  public static ProcessCgroups parse(String content) {
    Map<String, String> v1 = new TreeMap<>();
    String unified = null;
    for (String line : content.split("\n")) {
      String[] fields = line.split(":", 3);
      if (fields.length != 3) {
        continue;
      }
      if (fields[0].equals("0") && fields[1].isEmpty()) {
        unified = fields[2];
        continue;
      }
      for (String controller : fields[1].split(",")) {
        if (!controller.isEmpty()) {
          v1.put(controller, fields[2]);
        }
      }
    }
    return new ProcessCgroups(v1, Optional.ofNullable(unified));
  }

  /** Reads and parses {@code file}, normally {@code /proc/self/cgroup}. */
  public static ProcessCgroups read(Path file, CgroupFiles files) throws CgroupException {
    return parse(files.read(file));
  }

  /** The path in the v1 hierarchy of {@code controller}; {@code /} when not listed. */
  public String v1(String controller) {
    return v1.getOrDefault(controller, "/");
  }

  /**
   * Where relative paths go in the cgroup v2 hierarchy: the parent of this process's cgroup, as
   * runc does, because the process's own cgroup has a process in it and the kernel lets no
   * cgroup have both processes and enabled controllers for children.
   */
  public String v2Base() {
    String own = unified.orElse("/");
    int slash = own.lastIndexOf('/');
    return slash <= 0 ? "/" : own.substring(0, slash);
  }
}
