package io.jcrun.cgroups;

import java.util.List;

/**
 * No cgroup (crun's {@code --cgroup-manager disabled}): creating, limiting and removing do
 * nothing, there are no processes or stats to report, and pausing is refused because without a
 * freezer it cannot be done.
 */
final class DisabledCgroupManager implements CgroupManager {
  static final DisabledCgroupManager INSTANCE = new DisabledCgroupManager();

  private DisabledCgroupManager() {}

  @Override
  public void create() {}

  @Override
  public void addProcess(int pid) {}

  @Override
  public void apply(CgroupResources resources) {}

  @Override
  public void freeze() throws CgroupException {
    throw new CgroupException("freeze: cgroups are disabled (--cgroup-manager disabled)");
  }

  @Override
  public void thaw() throws CgroupException {
    throw new CgroupException("thaw: cgroups are disabled (--cgroup-manager disabled)");
  }

  @Override
  public FreezerState freezerState() {
    return FreezerState.UNDEFINED;
  }

  @Override
  public List<Integer> pids() {
    return List.of();
  }

  @Override
  public void killAll() {}

  @Override
  public CgroupStats stats() {
    return CgroupStats.EMPTY;
  }

  @Override
  public long oomKillCount() {
    return 0;
  }

  @Override
  public void destroy() {}

  @Override
  public boolean exists() {
    return false;
  }

  @Override
  public CgroupPaths paths() {
    return CgroupPaths.NONE;
  }

  @Override
  public String toString() {
    return "disabled cgroup manager";
  }
}
