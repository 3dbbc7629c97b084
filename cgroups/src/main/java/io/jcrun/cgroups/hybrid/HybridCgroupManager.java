package io.jcrun.cgroups.hybrid;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupStats;
import io.jcrun.cgroups.FreezerState;
import io.jcrun.cgroups.ResourceGroup;
import io.jcrun.cgroups.devices.DefaultDeviceRules;
import io.jcrun.cgroups.devices.DevicePolicy;
import io.jcrun.cgroups.v1.CgroupV1Manager;
import io.jcrun.cgroups.v2.CgroupV2Manager;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A container's cgroup on a hybrid host: the cgroup v1 controllers, plus the cgroup2 hierarchy
 * mounted at {@code <root>/unified} (systemd's hybrid mode). The container joins both, as with
 * runc. Each part of the resources goes where its controller is: a v1 mount if there is one, else
 * the cgroup2 hierarchy if it offers the controller (on the development machines it holds only
 * {@code hugetlb}). Killing uses the cgroup2 part's {@code cgroup.kill} where the kernel has it.
 */
public final class HybridCgroupManager implements CgroupManager {
  private final CgroupV1Manager v1;
  private final CgroupV2Manager unified;
  private final CgroupIo io;

  public HybridCgroupManager(CgroupV1Manager v1, CgroupV2Manager unified, CgroupIo io) {
    this.v1 = v1;
    this.unified = unified;
    this.io = io;
  }

  @Override
  public void create() throws CgroupException {
    v1.create();
    try {
      unified.create();
      if (!v1.has("devices")) {
        unified.applyDevices(DevicePolicy.of(DefaultDeviceRules.ALWAYS_ALLOWED));
      }
    } catch (CgroupException e) {
      try {
        v1.destroy();
      } catch (CgroupException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public void addProcess(int pid) throws CgroupException {
    v1.addProcess(pid);
    unified.addProcess(pid);
  }

  @Override
  public void apply(CgroupResources r) throws CgroupException {
    Set<String> offered = unified.availableControllers();
    Set<ResourceGroup> toV1 = EnumSet.noneOf(ResourceGroup.class);
    Set<ResourceGroup> toUnified = EnumSet.noneOf(ResourceGroup.class);
    for (ResourceGroup g : r.requested()) {
      String v1Controller = g.v1Controller().orElse(null);
      if (v1Controller != null && v1.has(v1Controller)) {
        toV1.add(g);
      } else if (g == ResourceGroup.UNIFIED || g == ResourceGroup.DEVICES
          || g.v2Controller().filter(offered::contains).isPresent()) {
        toUnified.add(g);
      } else {
        throw new CgroupException("apply " + g.name().toLowerCase(java.util.Locale.ROOT)
            + " resources to " + unified.directory() + ": no cgroup v1 " + v1Controller
            + " controller is mounted, and the cgroup2 hierarchy offers only " + offered);
      }
    }
    v1.apply(r.only(toV1));
    unified.apply(r.only(toUnified));
  }

  private CgroupManager freezerPart() {
    return v1.has("freezer") ? v1 : unified;
  }

  @Override
  public void freeze() throws CgroupException {
    freezerPart().freeze();
  }

  @Override
  public void thaw() throws CgroupException {
    freezerPart().thaw();
  }

  @Override
  public FreezerState freezerState() throws CgroupException {
    return freezerPart().freezerState();
  }

  @Override
  public List<Integer> pids() throws CgroupException {
    return freezerPart().pids();
  }

  @Override
  public void killAll() throws CgroupException {
    if (io.files().exists(unified.directory().resolve("cgroup.kill"))) {
      unified.killAll();
    } else {
      v1.killAll();
    }
  }

  @Override
  public CgroupStats stats() throws CgroupException {
    CgroupStats stats = v1.stats();
    CgroupStats other = unified.stats();
    if (!v1.has("cpu") && !v1.has("cpuacct")) {
      stats = stats.withCpu(other.cpu());
    }
    if (!v1.has("memory")) {
      stats = stats.withMemory(other.memory());
    }
    if (!v1.has("pids")) {
      stats = stats.withPids(other.pids());
    }
    if (!v1.has("blkio")) {
      stats = stats.withBlkio(other.blkio());
    }
    if (!v1.has("hugetlb")) {
      stats = stats.withHugetlb(other.hugetlb());
    }
    return stats;
  }

  @Override
  public long oomKillCount() throws CgroupException {
    return v1.has("memory") ? v1.oomKillCount() : unified.oomKillCount();
  }

  @Override
  public void destroy() throws CgroupException {
    if (!pids().isEmpty()) {
      killAll();
    }
    CgroupException failure = null;
    for (CgroupManager part : List.of(v1, unified)) {
      try {
        part.destroy();
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
    return v1.exists() || unified.exists();
  }

  @Override
  public CgroupPaths paths() {
    return new CgroupPaths(v1.paths().controllers(), unified.directory().toString());
  }

  @Override
  public String toString() {
    return "hybrid " + v1 + " + " + unified;
  }
}
