package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.DeviceRule;
import io.jcrun.cgroups.devices.DevicePolicy;
import java.nio.file.Path;

/**
 * Device rules on cgroup v1: from the policy {@code devices.list} shows now, the rules that reach
 * the new one are written to {@code devices.allow} and {@code devices.deny}, starting with a
 * reset ({@code devices.deny} "a") when the container goes from allow-all to deny-all, so an
 * update does not briefly deny devices that stay allowed.
 */
final class V1Devices {
  private final CgroupFiles files;

  V1Devices(CgroupFiles files) {
    this.files = files;
  }

  void apply(Path dir, DevicePolicy target) throws CgroupException {
    DevicePolicy current = DevicePolicy.parseDevicesList(files.read(dir.resolve("devices.list")));
    for (DeviceRule rule : target.transitionFrom(current)) {
      String file = rule.allow() ? "devices.allow" : "devices.deny";
      files.write(dir.resolve(file), rule.cgroupString());
    }
  }
}
