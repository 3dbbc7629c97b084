package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.Cpu;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cpuset} on cgroup v1. A new cpuset cgroup starts with empty {@code cpuset.cpus} and
 * {@code cpuset.mems}, and no task can join it until both are set, so every directory created on
 * the way that has none takes its parent's (runc's {@code cpusetEnsureParent}).
 */
final class V1Cpuset {
  private final CgroupFiles files;

  V1Cpuset(CgroupFiles files) {
    this.files = files;
  }

  /**
   * Gives every cgroup from below {@code mount} down to {@code dir} whose CPUs or memory nodes are
   * empty those of its parent, top down; cgroups that have their own are left alone.
   */
  void inherit(Path mount, Path dir) throws CgroupException {
    Path current = mount;
    for (Path part : mount.relativize(dir)) {
      Path parent = current;
      current = current.resolve(part.toString());
      for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
        if (files.read(current.resolve(file)).isBlank()) {
          files.write(current.resolve(file), files.read(parent.resolve(file)).trim());
        }
      }
    }
  }

  void apply(Path dir, Cpu cpu) throws CgroupException {
    if (cpu.cpus().isPresent()) {
      files.write(dir.resolve("cpuset.cpus"), cpu.cpus().get());
    }
    if (cpu.mems().isPresent()) {
      files.write(dir.resolve("cpuset.mems"), cpu.mems().get());
    }
  }
}
