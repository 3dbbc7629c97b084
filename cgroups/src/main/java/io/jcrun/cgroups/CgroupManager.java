package io.jcrun.cgroups;

import java.util.List;

/**
 * The cgroup of one container, on one host layout (v1, v2 or hybrid), with runc's {@code
 * cgroups.Manager} operations. The lifecycle calls {@link #create()}, {@link #apply}, then
 * {@link #addProcess} (or clones into {@link CgroupPaths#unifiedDirectory()}), and {@link
 * #destroy()} on delete. Implementations take the cgroupfs root, so tests run on a temporary
 * directory. Not thread-safe; one command uses one manager.
 */
public interface CgroupManager {

  /** The manager of {@code --cgroup-manager disabled}: no cgroup, nothing limited. */
  static CgroupManager disabled() {
    return DisabledCgroupManager.INSTANCE;
  }

  /**
   * Creates the cgroup ({@code mkdir -p}), enables the needed controllers on the way (v2), and
   * installs the default device policy (only the always-allowed devices). Reusing an existing
   * cgroup is allowed only while it has no process, as runc does. Leaves nothing behind on failure.
   */
  void create() throws CgroupException;

  /** Moves process {@code pid} into the cgroup (into every hierarchy on v1). */
  void addProcess(int pid) throws CgroupException;

  /** Applies {@code resources}; absent values are left as they are, so this also does update. */
  void apply(CgroupResources resources) throws CgroupException;

  /** Freezes every process and returns once the kernel reports the cgroup frozen. */
  void freeze() throws CgroupException;

  /** Thaws the cgroup and returns once the kernel reports it thawed. */
  void thaw() throws CgroupException;

  FreezerState freezerState() throws CgroupException;

  /** The processes in the cgroup and its sub-cgroups. */
  List<Integer> pids() throws CgroupException;

  /**
   * Kills every process in the cgroup with SIGKILL ({@code cgroup.kill} when the kernel has it,
   * else each pid under the freezer, so no fork escapes) and returns once none is left.
   */
  void killAll() throws CgroupException;

  CgroupStats stats() throws CgroupException;

  /** How many processes of the cgroup the OOM killer has killed so far. */
  long oomKillCount() throws CgroupException;

  /**
   * Kills what is left, then removes the cgroup and its sub-cgroups deepest first, retrying while
   * the kernel still reports them busy. Succeeds when the cgroup is already gone.
   */
  void destroy() throws CgroupException;

  boolean exists();

  /** Where the cgroup is, to save in the container's state and {@code open} again later. */
  CgroupPaths paths();
}
