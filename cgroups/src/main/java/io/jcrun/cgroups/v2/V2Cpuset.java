package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupResources.Cpu;
import java.nio.file.Path;

/** {@code cpuset} on cgroup v2: {@code cpuset.cpus} and {@code cpuset.mems}. */
final class V2Cpuset {
  private final V2Controllers controllers;

  V2Cpuset(V2Controllers controllers) {
    this.controllers = controllers;
  }

  void apply(Path dir, Cpu cpu) throws CgroupException {
    if (cpu.cpus().isPresent()) {
      controllers.write(dir, "cpuset", "cpuset.cpus", cpu.cpus().get());
    }
    if (cpu.mems().isPresent()) {
      controllers.write(dir, "cpuset", "cpuset.mems", cpu.mems().get());
    }
  }
}
