package io.jcrun.cgroups.driver;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupPath;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.ProcessCgroups;
import io.jcrun.cgroups.hybrid.HybridCgroupManager;
import io.jcrun.cgroups.v1.CgroupV1Manager;
import io.jcrun.cgroups.v2.CgroupV2Manager;
import io.jcrun.linux.Syscalls;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cgroupfs driver (runc's {@code manager.New} and {@code NewWithPaths}): builds the manager
 * for a container's cgroup on the detected {@link CgroupLayout}, and reopens one from the paths
 * saved in a container's state without detecting again.
 */
public final class CgroupfsDriver {
  private final CgroupLayout layout;
  private final CgroupIo io;

  public CgroupfsDriver(CgroupLayout layout, CgroupIo io) {
    this.layout = layout;
    this.io = io;
  }

  /** Detects the layout of the cgroupfs at {@code root} (normally {@code /sys/fs/cgroup}). */
  public static CgroupfsDriver detect(Path root, Syscalls syscalls) throws CgroupException {
    return new CgroupfsDriver(CgroupLayout.detect(root, syscalls), CgroupIo.of(syscalls));
  }

  public CgroupLayout layout() {
    return layout;
  }

  /**
   * The manager of {@code path}; a relative path is placed under {@code own}, the runtime's
   * cgroups (from {@code /proc/self/cgroup}): in each v1 hierarchy under the runtime's cgroup
   * there, in cgroup v2 under its parent (see {@link ProcessCgroups#v2Base()}).
   *
   * @throws IllegalArgumentException when a relative path escapes the cgroup root
   */
  public CgroupManager manager(CgroupPath path, ProcessCgroups own) {
    Path root = layout.root();
    return switch (layout.kind()) {
      case V2 -> CgroupV2Manager.unified(root, path.under(own.v2Base()), io);
      case V1 -> new CgroupV1Manager(root, v1Cgroups(path, own), io);
      case HYBRID -> new HybridCgroupManager(new CgroupV1Manager(root, v1Cgroups(path, own), io),
          CgroupV2Manager.hybridPart(layout.unifiedMount().orElseThrow(),
              path.under(own.v2Base()), io), io);
    };
  }

  private Map<String, String> v1Cgroups(CgroupPath path, ProcessCgroups own) {
    Map<String, String> cgroups = new LinkedHashMap<>();
    for (String c : layout.v1Controllers()) {
      cgroups.put(c, path.under(own.v1(c)));
    }
    return cgroups;
  }

  /** Reopens the manager of a cgroup from its saved {@code paths} (real files and syscalls). */
  public static CgroupManager open(CgroupPaths paths, Path root, Syscalls syscalls)
      throws CgroupException {
    return open(paths, root, CgroupIo.of(syscalls));
  }

  /**
   * Reopens the manager of a cgroup from its saved {@code paths}: only v1 directories is v1, only
   * a cgroup v2 directory is v2, both is hybrid; no paths at all is the disabled manager.
   */
  public static CgroupManager open(CgroupPaths paths, Path root, CgroupIo io)
      throws CgroupException {
    if (paths.isEmpty()) {
      return CgroupManager.disabled();
    }
    try {
      if (paths.controllers().isEmpty()) {
        return CgroupV2Manager.unified(root, cgroupBelow(root, paths.unified()), io);
      }
      Map<String, String> cgroups = new LinkedHashMap<>();
      paths.controllers().forEach((c, dir) -> cgroups.put(c, cgroupBelow(root.resolve(c), dir)));
      CgroupV1Manager v1 = new CgroupV1Manager(root, cgroups, io);
      if (paths.unified().isEmpty()) {
        return v1;
      }
      Path unifiedMount = root.resolve("unified");
      return new HybridCgroupManager(v1, CgroupV2Manager.hybridPart(unifiedMount,
          cgroupBelow(unifiedMount, paths.unified()), io), io);
    } catch (IllegalArgumentException e) {
      throw new CgroupException("open the cgroup at " + paths.asMap() + ": " + e.getMessage(), e);
    }
  }

  private static String cgroupBelow(Path mount, String dir) {
    Path d = Path.of(dir).normalize();
    if (!d.startsWith(mount) || d.equals(mount)) {
      throw new IllegalArgumentException(dir + " is not below " + mount);
    }
    return "/" + mount.relativize(d);
  }
}
