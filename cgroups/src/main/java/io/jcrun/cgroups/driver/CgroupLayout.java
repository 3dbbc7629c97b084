package io.jcrun.cgroups.driver;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.v1.CgroupV1Manager;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How the host mounts cgroups, found with {@code statfs(2)} and never assumed: {@code V2} when the
 * root is a cgroup2 mount; {@code HYBRID} when the root is a tmpfs of cgroup v1 mounts with a
 * cgroup2 mount at {@code <root>/unified}; {@code V1} when it is such a tmpfs without one. Each v1
 * controller counts when {@code <root>/<controller>} is a cgroup v1 mount.
 */
public record CgroupLayout(Kind kind, Path root, Set<String> v1Controllers,
    Optional<Path> unifiedMount) {
  public static final long CGROUP2_SUPER_MAGIC = 0x63677270L;
  public static final long CGROUP_SUPER_MAGIC = 0x27e0ebL;
  public static final long TMPFS_MAGIC = 0x01021994L;

  /** The three layouts. */
  public enum Kind { V1, V2, HYBRID }

  public CgroupLayout {
    v1Controllers = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(v1Controllers));
  }

  public static CgroupLayout detect(Path root, Syscalls syscalls) throws CgroupException {
    long rootType;
    try {
      rootType = syscalls.statfsType(root.toString());
    } catch (SyscallException e) {
      throw new CgroupException("detect the cgroup layout at " + root + ": " + e.getMessage(), e);
    }
    if (rootType == CGROUP2_SUPER_MAGIC) {
      return new CgroupLayout(Kind.V2, root, Set.of(), Optional.of(root));
    }
    if (rootType != TMPFS_MAGIC) {
      throw new CgroupException("detect the cgroup layout at " + root + ": it is neither a cgroup2"
          + " mount nor a tmpfs of cgroup v1 mounts (filesystem type 0x"
          + Long.toHexString(rootType) + ")");
    }
    Set<String> controllers = new LinkedHashSet<>();
    for (String c : CgroupV1Manager.CONTROLLERS) {
      if (type(syscalls, root.resolve(c)) == CGROUP_SUPER_MAGIC) {
        controllers.add(c);
      }
    }
    Path unified = root.resolve("unified");
    boolean hybrid = type(syscalls, unified) == CGROUP2_SUPER_MAGIC;
    if (controllers.isEmpty()) {
      throw new CgroupException("detect the cgroup layout at " + root
          + ": no cgroup v1 controller is mounted there");
    }
    return hybrid
        ? new CgroupLayout(Kind.HYBRID, root, controllers, Optional.of(unified))
        : new CgroupLayout(Kind.V1, root, controllers, Optional.empty());
  }

  /** The filesystem type of {@code path}; 0 when it does not exist. */
  private static long type(Syscalls syscalls, Path path) {
    try {
      return syscalls.statfsType(path.toString());
    } catch (SyscallException e) {
      return 0;
    }
  }
}
