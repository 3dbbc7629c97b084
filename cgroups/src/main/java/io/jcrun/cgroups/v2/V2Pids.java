package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import java.nio.file.Path;
import java.util.OptionalLong;

/** {@code pids} on cgroup v2: {@code pids.max}. */
final class V2Pids {
  private final V2Controllers controllers;

  V2Pids(V2Controllers controllers) {
    this.controllers = controllers;
  }

  void apply(Path dir, OptionalLong limit) throws CgroupException {
    if (limit.isPresent()) {
      controllers.write(dir, "pids", "pids.max", pidsMax(limit.getAsLong()));
    }
  }

  /**
   * The {@code pids.max} value for an OCI limit, as runc writes it: negative is unlimited, and 0
   * becomes 1 because systemd cannot set 0, which keeps the cgroupfs and systemd drivers alike
   * (a cgroup's pids limit of 0 and 1 behave the same: its first process is already there).
   */
  static String pidsMax(long limit) {
    return limit < 0 ? "max" : limit == 0 ? "1" : Long.toString(limit);
  }
}
