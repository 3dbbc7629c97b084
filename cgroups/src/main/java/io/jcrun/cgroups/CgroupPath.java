package io.jcrun.cgroups;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A container's {@code linux.cgroupsPath}, cleaned, with runc's meaning: an absolute path is taken
 * from the root of every hierarchy; a relative one is placed under the runtime's own cgroup; none
 * means {@code /jcrun/<id>}. A path that climbs above where it starts ({@code ..}) is refused, and
 * so is the systemd driver's {@code slice:prefix:name} form.
 */
public record CgroupPath(String value) {
  /** Where containers without a {@code cgroupsPath} go, one cgroup per container id. */
  public static final String DEFAULT_PARENT = "/jcrun";

  public CgroupPath {
    if (!value.equals(clean(value))) {
      throw new IllegalArgumentException("cgroup path \"" + value + "\" is not clean");
    }
  }

  /**
   * The path for {@code cgroupsPath} (null or empty for the default) of container {@code id}.
   *
   * @throws IllegalArgumentException with a message that names the value, when it is refused
   */
  public static CgroupPath parse(String cgroupsPath, String containerId) {
    if (cgroupsPath == null || cgroupsPath.isEmpty()) {
      return new CgroupPath(DEFAULT_PARENT + "/" + containerId);
    }
    if (!cgroupsPath.startsWith("/") && cgroupsPath.split(":", -1).length == 3) {
      throw new IllegalArgumentException("\"" + cgroupsPath
          + "\" is a systemd slice:prefix:name path: the systemd cgroup driver is not supported");
    }
    if (cgroupsPath.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("\"" + cgroupsPath + "\" contains a NUL byte");
    }
    String cleaned = clean(cgroupsPath);
    if (cleaned == null) {
      throw new IllegalArgumentException("\"" + cgroupsPath + "\" escapes the cgroup root");
    }
    return new CgroupPath(cleaned);
  }

  public boolean isAbsolute() {
    return value.startsWith("/");
  }

  /**
   * This path as an absolute cgroup path: itself when absolute, else under {@code base} (the
   * runtime's own cgroup in the hierarchy at hand).
   */
  public String under(String base) {
    if (isAbsolute()) {
      return value;
    }
    String joined = clean((base.endsWith("/") ? base : base + "/") + value);
    if (joined == null || !joined.startsWith("/")) {
      throw new IllegalArgumentException("\"" + value + "\" escapes the cgroup root from " + base);
    }
    return joined;
  }

  /** Lexical cleaning; null when {@code ..} climbs above the start of the path. */
  private static String clean(String path) {
    boolean absolute = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    String joined = String.join("/", parts);
    return absolute ? "/" + joined : joined.isEmpty() ? null : joined;
  }

  @Override
  public String toString() {
    return value;
  }
}
