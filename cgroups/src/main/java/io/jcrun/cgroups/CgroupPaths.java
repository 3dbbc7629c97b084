package io.jcrun.cgroups;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a container's cgroup is on the host, to save in the container's state and reopen the
 * manager later (runc's {@code GetPaths}/{@code NewWithPaths}): the directory of each cgroup v1
 * controller and the cgroup v2 directory ({@code ""} when the host has no cgroup2 hierarchy).
 * Plain strings, so it serializes as JSON as it is.
 */
public record CgroupPaths(Map<String, String> controllers, String unified) {
  /** No cgroup at all: cgroups are disabled. */
  public static final CgroupPaths NONE = new CgroupPaths(Map.of(), "");

  public CgroupPaths {
    controllers = java.util.Collections.unmodifiableMap(new TreeMap<>(controllers));
    unified = unified == null ? "" : unified;
  }

  /** runc's shape: controller name to directory, with the cgroup v2 directory under {@code ""}. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    if (!unified.isEmpty()) {
      map.put("", unified);
    }
    map.putAll(controllers);
    return map;
  }

  /** The inverse of {@link #asMap()}. */
  public static CgroupPaths fromMap(Map<String, String> map) {
    Map<String, String> controllers = new TreeMap<>(map);
    String unified = controllers.remove("");
    return new CgroupPaths(controllers, unified);
  }

  public Optional<Path> unifiedDirectory() {
    return unified.isEmpty() ? Optional.empty() : Optional.of(Path.of(unified));
  }

  public boolean isEmpty() {
    return controllers.isEmpty() && unified.isEmpty();
  }
}
