package io.jcrun.runtime.config;

import io.jcrun.linux.ContainerPath;
import io.jcrun.spec.Linux;
import java.util.ArrayList;
import java.util.List;

/** Converts {@code linux.devices}. */
final class DeviceConverter {
  private DeviceConverter() {}

  static List<DeviceConfig> convert(List<Linux.Device> devices) throws InvalidConfigException {
    List<DeviceConfig> out = new ArrayList<>();
    if (devices == null) {
      return out;
    }
    for (int i = 0; i < devices.size(); i++) {
      Linux.Device d = devices.get(i);
      String path = "linux.devices[" + i + "]";
      if (d == null || d.path() == null || !d.path().startsWith("/")) {
        throw new InvalidConfigException(path + ".path", "must be an absolute path");
      }
      if (d.type() == null || d.type().length() != 1 || "cbup".indexOf(d.type().charAt(0)) < 0) {
        throw InvalidConfigException.notOneOf(path + ".type", d.type(), List.of("c", "b", "u", "p"));
      }
      char type = d.type().charAt(0);
      if (type != 'p' && (d.major() == null || d.minor() == null)) {
        throw new InvalidConfigException(path, "major and minor are required for type " + type);
      }
      long mode = d.fileMode() == null ? 0666 : d.fileMode();
      if (mode < 0 || mode > 07777) {
        throw new InvalidConfigException(path + ".fileMode", "0" + Long.toOctalString(mode)
            + " has bits outside the permissions 07777");
      }
      out.add(new DeviceConfig(ContainerPath.of(d.path()), type,
          (int) (d.major() == null ? 0 : (long) d.major()),
          (int) (d.minor() == null ? 0 : (long) d.minor()), (int) mode,
          ProcessConverter.id(d.uid(), path + ".uid"), ProcessConverter.id(d.gid(), path + ".gid")));
    }
    return out;
  }
}
