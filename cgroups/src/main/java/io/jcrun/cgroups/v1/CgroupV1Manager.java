package io.jcrun.cgroups.v1;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's cgroup on cgroup v1 ({@code fs} in runc): one directory per mounted controller,
 * {@code <root>/<controller><cgroup>}. Resources for a controller that is not mounted are refused
 * with its name, as are cgroup v2 ({@code unified}) resources.
 */
public final class CgroupV1Manager implements CgroupManager {
  /** The controllers jcrun uses, in the order runc applies them. */
  public static final List<String> CONTROLLERS = List.of("cpuset", "devices", "memory", "cpu",
      "cpuacct", "pids", "blkio", "hugetlb", "net_cls", "net_prio", "freezer");

  private final Path root;
  private final Map<String, Path> dirs;
  private final String name;
  private final CgroupIo io;
  private final CgroupTree tree;
  private final V1Freezer freezer;

  /**
   * @param root the cgroupfs root holding one mount per controller, normally {@code
   *     /sys/fs/cgroup}
   * @param cgroups for each mounted controller the container's cgroup path in it (absolute)
   */
  public CgroupV1Manager(Path root, Map<String, String> cgroups, CgroupIo io) {
    this.root = root;
    this.io = io;
    this.tree = new CgroupTree(io);
    this.freezer = new V1Freezer(io);
    Map<String, Path> byController = new LinkedHashMap<>();
    for (String c : CONTROLLERS) {
      String cgroup = cgroups.get(c);
      if (cgroup != null) {
        Path mount = root.resolve(c);
        if (!cgroup.startsWith("/") || cgroup.equals("/")
            || !mount.resolve(cgroup.substring(1)).normalize().startsWith(mount)) {
          throw new IllegalArgumentException("cgroup \"" + cgroup
              + "\" is not a cgroup below the root of " + mount);
        }
        byController.put(c, mount.resolve(cgroup.substring(1)));
      }
    }
    if (byController.isEmpty()) {
      throw new IllegalArgumentException("no cgroup v1 controller among " + cgroups.keySet());
    }
    this.dirs = java.util.Collections.unmodifiableMap(byController);
    this.name = cgroups.getOrDefault("memory", cgroups.values().iterator().next());
  }

  /** The directory of each mounted controller. */
  public Map<String, Path> directories() {
    return dirs;
  }

  public boolean has(String controller) {
    return dirs.containsKey(controller);
  }

  /** The directories without repeats (co-mounted controllers such as cpu,cpuacct share one). */
  private Set<Path> distinctDirectories() {
    Set<Path> out = new LinkedHashSet<>();
    for (Path dir : dirs.values()) {
      out.add(dir.toAbsolutePath().normalize());
    }
    return out;
  }

  @Override
  public void create() throws CgroupException {
    for (Path dir : distinctDirectories()) {
      List<Integer> pids = tree.processes(dir);
      if (!pids.isEmpty()) {
        throw new CgroupException("cgroup " + name + " is not empty: it has processes " + pids
            + " in " + dir);
      }
    }
    if (dirs.containsKey("freezer") && io.files().exists(dirs.get("freezer"))
        && freezer.state(dirs.get("freezer")) != FreezerState.THAWED) {
      throw new CgroupException("cgroup " + name + " is frozen (" + dirs.get("freezer")
          + "/freezer.state)");
    }
    List<Path> created = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> e : dirs.entrySet()) {
        Path mount = root.resolve(e.getKey());
        created.addAll(tree.createDirectories(mount, e.getValue()));
        if (e.getKey().equals("cpuset")) {
          new V1Cpuset(io.files()).inherit(mount, e.getValue());
        }
      }
      if (dirs.containsKey("devices")) {
        new V1Devices(io.files()).apply(dirs.get("devices"),
            DevicePolicy.of(DefaultDeviceRules.ALWAYS_ALLOWED));
      }
    } catch (CgroupException e) {
      tree.removeCreated(created, e);
      throw e;
    }
  }

  @Override
  public void addProcess(int pid) throws CgroupException {
    for (Path dir : distinctDirectories()) {
      tree.addProcess(dir, pid);
    }
  }

  @Override
  public void apply(CgroupResources r) throws CgroupException {
    for (ResourceGroup g : r.requested()) {
      Optional<String> controller = g.v1Controller();
      if (controller.isEmpty()) {
        throw new CgroupException("apply unified resources " + r.unified().keySet() + " to cgroup "
            + name + ": they are cgroup v2 files, and " + root + " is a cgroup v1 hierarchy");
      }
      if (!dirs.containsKey(controller.get())) {
        throw new CgroupException("apply " + g.name().toLowerCase(java.util.Locale.ROOT)
            + " resources to cgroup " + name + ": the " + controller.get()
            + " controller is not mounted at " + root.resolve(controller.get()));
      }
    }
    if (r.cpu().isCpusetSet()) {
      new V1Cpuset(io.files()).apply(dirs.get("cpuset"), r.cpu());
    }
    if (r.devices().isPresent()) {
      new V1Devices(io.files()).apply(dirs.get("devices"),
          DevicePolicy.of(DefaultDeviceRules.withDefaults(r.devices().get())));
    }
    if (r.memory().isSet()) {
      new V1Memory(io.files()).apply(dirs.get("memory"), r.memory());
    }
    if (r.cpu().isCpuSet()) {
      new V1Cpu(io.files()).apply(dirs.get("cpu"), r.cpu());
    }
    if (r.pidsLimit().isPresent()) {
      new V1Pids(io.files()).apply(dirs.get("pids"), r.pidsLimit());
    }
    if (r.blockIo().isSet()) {
      new V1Blkio(io.files()).apply(dirs.get("blkio"), r.blockIo());
    }
    if (!r.hugepageLimits().isEmpty()) {
      new V1Hugetlb(io.files()).apply(dirs.get("hugetlb"), r.hugepageLimits());
    }
    if (r.network().classId().isPresent()) {
      new V1Network(io.files()).applyClassId(dirs.get("net_cls"), r.network().classId());
    }
    if (!r.network().priorities().isEmpty()) {
      new V1Network(io.files()).applyPriorities(dirs.get("net_prio"), r.network().priorities());
    }
  }

  @Override
  public void freeze() throws CgroupException {
    freezer.freeze(freezerDirectory("freeze"));
  }

  @Override
  public void thaw() throws CgroupException {
    freezer.thaw(freezerDirectory("thaw"));
  }

  private Path freezerDirectory(String operation) throws CgroupException {
    Path dir = dirs.get("freezer");
    if (dir == null) {
      throw new CgroupException(operation + " cgroup " + name
          + ": the freezer controller is not mounted at " + root.resolve("freezer"));
    }
    return dir;
  }

  @Override
  public FreezerState freezerState() throws CgroupException {
    Path dir = dirs.get("freezer");
    return dir == null || !io.files().exists(dir) ? FreezerState.UNDEFINED : freezer.state(dir);
  }

  @Override
  public List<Integer> pids() throws CgroupException {
    return tree.processes(processDirectory());
  }

  /** Every hierarchy holds the same processes; the freezer's is the one killing relies on. */
  private Path processDirectory() {
    for (String c : List.of("freezer", "pids", "memory", "devices")) {
      if (dirs.containsKey(c)) {
        return dirs.get(c);
      }
    }
    return dirs.values().iterator().next();
  }

  @Override
  public void killAll() throws CgroupException {
    new CgroupKiller(io).killAll(this, Optional.empty(), name);
  }

  @Override
  public CgroupStats stats() throws CgroupException {
    return new V1StatsReader(io.files()).read(dirs);
  }

  @Override
  public long oomKillCount() throws CgroupException {
    Path dir = dirs.get("memory");
    if (dir == null) {
      return 0;
    }
    // oom_kill is in memory.oom_control since Linux 4.13.
    Path control = dir.resolve("memory.oom_control");
    return io.files().exists(control)
        ? io.files().readFlatKeyed(control).getOrDefault("oom_kill", 0L) : 0;
  }

  @Override
  public void destroy() throws CgroupException {
    if (!pids().isEmpty()) {
      killAll();
    }
    CgroupException failure = null;
    for (Path dir : distinctDirectories()) {
      try {
        tree.remove(dir);
      } catch (CgroupException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean exists() {
    return dirs.values().stream().anyMatch(io.files()::exists);
  }

  @Override
  public CgroupPaths paths() {
    Map<String, String> out = new LinkedHashMap<>();
    dirs.forEach((c, dir) -> out.put(c, dir.toString()));
    return new CgroupPaths(out, "");
  }

  @Override
  public String toString() {
    return "cgroup v1 " + name + " " + dirs.keySet();
  }
}
