package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import java.nio.file.Path;
import java.util.OptionalLong;

/** {@code pids} on cgroup v1: {@code pids.max}, with the values runc writes. */
final class V1Pids {
  private final CgroupFiles files;

  V1Pids(CgroupFiles files) {
    this.files = files;
  }

  void apply(Path dir, OptionalLong limit) throws CgroupException {
    if (limit.isEmpty()) {
      return;
    }
    long l = limit.getAsLong();
    // Negative is unlimited; 0 is written as 1, as systemd must, so both drivers agree.
    files.write(dir.resolve("pids.max"), l < 0 ? "max" : l == 0 ? "1" : Long.toString(l));
  }
}
