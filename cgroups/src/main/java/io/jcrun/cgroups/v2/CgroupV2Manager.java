package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.CgroupKiller;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupStats;
import io.jcrun.cgroups.CgroupTree;
import io.jcrun.cgroups.FreezerState;
import io.jcrun.cgroups.ResourceGroup;
import io.jcrun.cgroups.devices.DefaultDeviceRules;
import io.jcrun.cgroups.devices.DevicePolicy;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's cgroup in a cgroup v2 hierarchy ({@code fs2} in runc): one directory below the
 * mount. On a pure v2 host it owns everything, enables every available controller on the way
 * down and installs the device filter; as the cgroup2 part of a hybrid host it enables only the
 * controllers the resources it is given need, and leaves devices to the hybrid manager.
 */
public final class CgroupV2Manager implements CgroupManager {
  private final Path mount;
  private final String cgroup;
  private final Path dir;
  private final boolean ownsHierarchy;
  private final CgroupIo io;
  private final CgroupTree tree;
  private final V2Controllers controllers;
  private final V2Freezer freezer;

  private CgroupV2Manager(Path mount, String cgroup, boolean ownsHierarchy, CgroupIo io) {
    if (!cgroup.startsWith("/") || cgroup.equals("/")
        || !mount.resolve(cgroup.substring(1)).normalize().startsWith(mount)) {
      throw new IllegalArgumentException(
          "cgroup \"" + cgroup + "\" is not a cgroup below the root of " + mount);
    }
    this.mount = mount;
    this.cgroup = cgroup;
    this.dir = mount.resolve(cgroup.substring(1));
    this.ownsHierarchy = ownsHierarchy;
    this.io = io;
    this.tree = new CgroupTree(io);
    this.controllers = new V2Controllers(io.files());
    this.freezer = new V2Freezer(io);
  }

  /**
   * The cgroup {@code cgroup} (absolute, e.g. {@code /jcrun/abc}) of the unified hierarchy
   * mounted at {@code root}, normally {@code /sys/fs/cgroup}.
   */
  public static CgroupV2Manager unified(Path root, String cgroup, CgroupIo io) {
    return new CgroupV2Manager(root, cgroup, true, io);
  }

  /** The cgroup {@code cgroup} of a hybrid host's cgroup2 mount ({@code <root>/unified}). */
  public static CgroupV2Manager hybridPart(Path unifiedMount, String cgroup, CgroupIo io) {
    return new CgroupV2Manager(unifiedMount, cgroup, false, io);
  }

  public Path directory() {
    return dir;
  }

  /** The controllers this hierarchy offers at its root (not the pseudo ones, devices/freezer). */
  public Set<String> availableControllers() throws CgroupException {
    return controllers.available(mount);
  }

  @Override
  public void create() throws CgroupException {
    if (io.files().exists(dir)) {
      refuseInUse();
    }
    List<Path> created = tree.createDirectories(mount, dir);
    try {
      if (ownsHierarchy) {
        controllers.enable(mount, dir, controllers.available(mount));
        applyDevices(DevicePolicy.of(DefaultDeviceRules.ALWAYS_ALLOWED));
      }
    } catch (CgroupException e) {
      tree.removeCreated(created, e);
      throw e;
    }
  }

  private void refuseInUse() throws CgroupException {
    List<Integer> pids = tree.processes(dir);
    if (!pids.isEmpty()) {
      throw new CgroupException("cgroup " + cgroup + " is not empty: it has processes " + pids);
    }
    FreezerState state = freezer.state(dir);
    if (state == FreezerState.FROZEN || state == FreezerState.FREEZING) {
      throw new CgroupException("cgroup " + cgroup + " is frozen (" + dir.resolve("cgroup.freeze")
          + " is 1)");
    }
  }

  @Override
  public void addProcess(int pid) throws CgroupException {
    tree.addProcess(dir, pid);
  }

  @Override
  public void apply(CgroupResources r) throws CgroupException {
    Set<ResourceGroup> requested = r.requested();
    if (requested.contains(ResourceGroup.NET_CLS) || requested.contains(ResourceGroup.NET_PRIO)) {
      throw new CgroupException("apply network.classID/priorities to " + dir
          + ": net_cls and net_prio are cgroup v1 controllers with no cgroup v2 equivalent");
    }
    controllers.enable(mount, dir, neededControllers(r, requested));
    // runc's order: pids, memory, io, cpu, devices, cpuset, hugetlb, then the unified map.
    new V2Pids(controllers).apply(dir, r.pidsLimit());
    new V2Memory(controllers, io.files()).apply(dir, r.memory());
    new V2Io(controllers, io.files()).apply(dir, r.blockIo());
    if (r.cpu().isCpuSet()) {
      new V2Cpu(controllers, io.files()).apply(dir, r.cpu());
    }
    if (r.devices().isPresent()) {
      applyDevices(DevicePolicy.of(DefaultDeviceRules.withDefaults(r.devices().get())));
    }
    new V2Cpuset(controllers).apply(dir, r.cpu());
    new V2Hugetlb(controllers, io.files()).apply(dir, r.hugepageLimits());
    new V2Unified(controllers).apply(dir, r.unified());
  }

  private static Set<String> neededControllers(CgroupResources r, Set<ResourceGroup> requested) {
    Set<String> needed = new LinkedHashSet<>();
    for (ResourceGroup g : requested) {
      g.v2Controller().ifPresent(needed::add);
    }
    for (String file : r.unified().keySet()) {
      int dot = file.indexOf('.');
      if (dot > 0 && !file.startsWith("cgroup.")) {
        needed.add(file.substring(0, dot));
      }
    }
    return needed;
  }

  /** Replaces the device filter of the cgroup with one for {@code policy}. */
  public void applyDevices(DevicePolicy policy) throws CgroupException {
    new V2DeviceFilter(io.syscalls()).apply(dir, policy);
  }

  @Override
  public void freeze() throws CgroupException {
    freezer.freeze(dir);
  }

  @Override
  public void thaw() throws CgroupException {
    freezer.thaw(dir);
  }

  @Override
  public FreezerState freezerState() throws CgroupException {
    return io.files().exists(dir) ? freezer.state(dir) : FreezerState.UNDEFINED;
  }

  @Override
  public List<Integer> pids() throws CgroupException {
    return tree.processes(dir);
  }

  @Override
  public void killAll() throws CgroupException {
    new CgroupKiller(io).killAll(this, Optional.of(dir.resolve("cgroup.kill")), cgroup);
  }

  @Override
  public CgroupStats stats() throws CgroupException {
    return new V2StatsReader(io.files()).read(dir);
  }

  @Override
  public long oomKillCount() throws CgroupException {
    Path events = dir.resolve("memory.events");
    Map<String, Long> values =
        io.files().exists(events) ? io.files().readFlatKeyed(events) : Map.of();
    return values.getOrDefault("oom_kill", 0L);
  }

  @Override
  public void destroy() throws CgroupException {
    if (!pids().isEmpty()) {
      killAll();
    }
    tree.remove(dir);
  }

  @Override
  public boolean exists() {
    return io.files().exists(dir);
  }

  @Override
  public CgroupPaths paths() {
    return new CgroupPaths(Map.of(), dir.toString());
  }

  @Override
  public String toString() {
    return "cgroup v2 " + dir;
  }
}
