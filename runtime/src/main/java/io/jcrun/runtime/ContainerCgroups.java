package io.jcrun.runtime;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupPath;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.ProcessCgroups;
import io.jcrun.cgroups.driver.CgroupfsDriver;
import io.jcrun.linux.Syscalls;
import io.jcrun.runtime.config.InvalidConfigException;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerState;
import java.util.Optional;

/** Finds the cgroup manager of a new container (from its config) or of a saved one (from its state). */
final class ContainerCgroups {
  private final Syscalls sys;
  private final RuntimeOptions options;

  ContainerCgroups(Syscalls sys, RuntimeOptions options) {
    this.sys = sys;
    this.options = options;
  }

  /** The manager for a container being created; nothing is created on disk yet. */
  CgroupManager forNew(ContainerId id, Optional<String> cgroupsPath,
      io.jcrun.cgroups.CgroupResources resources) throws JcrunException {
    if (options.cgroupsDisabled()) {
      return CgroupManager.disabled();
    }
    if (options.rootless()) {
      // Without root the cgroupfs is not ours to write (runc's rootless mode does the same
      // without a delegated systemd scope): no cgroup, and say so when limits were asked for.
      if (!resources.requested().isEmpty()) {
        options.warnings().accept("linux.resources: not applied: jcrun runs without root and"
            + " has no cgroup to put them in");
      }
      return CgroupManager.disabled();
    }
    CgroupPath path;
    try {
      path = CgroupPath.parse(cgroupsPath.orElse(null), id.value());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("linux.cgroupsPath", e.getMessage());
    }
    try {
      CgroupfsDriver driver = CgroupfsDriver.detect(options.cgroupRoot(), sys);
      ProcessCgroups own = path.isAbsolute() ? ProcessCgroups.ROOT
          : ProcessCgroups.read(options.procRoot().resolve("self/cgroup"), CgroupFiles.host());
      return driver.manager(path, own);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("linux.cgroupsPath", e.getMessage());
    } catch (CgroupException e) {
      throw new JcrunException("cgroups: " + e.getMessage(), e);
    }
  }

  /** The manager of a saved container; the disabled one when it has no cgroup. */
  CgroupManager of(ContainerState state) throws JcrunException {
    try {
      return CgroupfsDriver.open(CgroupPaths.fromMap(state.cgroupPaths()), options.cgroupRoot(),
          sys);
    } catch (CgroupException e) {
      throw new JcrunException("cgroups: " + e.getMessage(), e);
    }
  }
}
