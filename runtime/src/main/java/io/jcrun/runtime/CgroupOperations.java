package io.jcrun.runtime;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupStats;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerLock;
import io.jcrun.runtime.state.ContainerState;
import io.jcrun.runtime.state.ContainerStatus;
import io.jcrun.runtime.state.StateStore;
import java.util.List;

/** The verbs that act on a container through its cgroup: pause, resume, update, stats, ps. */
final class CgroupOperations {
  private final StateStore store;
  private final Lifecycle lifecycle;
  private final ContainerCgroups cgroups;

  CgroupOperations(StateStore store, Lifecycle lifecycle, ContainerCgroups cgroups) {
    this.store = store;
    this.lifecycle = lifecycle;
    this.cgroups = cgroups;
  }

  void pause(ContainerId id) throws JcrunException {
    try (ContainerLock lock = store.lock(id)) {
      ContainerState s = store.load(id);
      ContainerStatus status = lifecycle.status(s);
      if (status != ContainerStatus.RUNNING && status != ContainerStatus.CREATED) {
        throw new JcrunException(status == ContainerStatus.PAUSED ? "container paused"
            : "container not running");
      }
      CgroupManager cgroup = cgroup(s, "pause");
      try {
        cgroup.freeze();
      } catch (CgroupException e) {
        throw new JcrunException("pause " + id + ": " + e.getMessage(), e);
      }
    }
  }

  void resume(ContainerId id) throws JcrunException {
    try (ContainerLock lock = store.lock(id)) {
      ContainerState s = store.load(id);
      if (lifecycle.status(s) != ContainerStatus.PAUSED) {
        throw new JcrunException("container not paused");
      }
      try {
        cgroup(s, "resume").thaw();
      } catch (CgroupException e) {
        throw new JcrunException("resume " + id + ": " + e.getMessage(), e);
      }
    }
  }

  void update(ContainerId id, CgroupResources resources) throws JcrunException {
    try (ContainerLock lock = store.lock(id)) {
      ContainerState s = store.load(id);
      if (lifecycle.status(s) == ContainerStatus.STOPPED) {
        throw new JcrunException("container not running");
      }
      try {
        cgroup(s, "update").apply(resources);
      } catch (CgroupException e) {
        throw new JcrunException("update " + id + ": " + e.getMessage(), e);
      }
    }
  }

  CgroupStats stats(ContainerId id) throws JcrunException {
    ContainerState s = store.load(id);
    if (lifecycle.status(s) == ContainerStatus.STOPPED) {
      throw new JcrunException("container not running");
    }
    try {
      return cgroups.of(s).stats();
    } catch (CgroupException e) {
      throw new JcrunException("read the stats of " + id + ": " + e.getMessage(), e);
    }
  }

  long oomKillCount(ContainerId id) throws JcrunException {
    ContainerState s = store.load(id);
    try {
      return cgroups.of(s).oomKillCount();
    } catch (CgroupException e) {
      throw new JcrunException("read the OOM kills of " + id + ": " + e.getMessage(), e);
    }
  }

  /** The host pids of every process in the container's cgroup. */
  List<Integer> pids(ContainerId id) throws JcrunException {
    ContainerState s = store.load(id);
    try {
      return cgroups.of(s).pids();
    } catch (CgroupException e) {
      throw new JcrunException("list the processes of " + id + ": " + e.getMessage(), e);
    }
  }

  private CgroupManager cgroup(ContainerState s, String verb) throws JcrunException {
    if (s.cgroupPaths().isEmpty()) {
      throw new JcrunException("cannot " + verb + " " + s.id() + ": it has no cgroup"
          + " (created with --cgroup-manager disabled)");
    }
    return cgroups.of(s);
  }
}
