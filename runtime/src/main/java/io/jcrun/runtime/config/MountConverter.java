package io.jcrun.runtime.config;

import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.MountFlag;
import io.jcrun.linux.MountFlags;
import io.jcrun.spec.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Converts {@code mounts}: destinations checked, options parsed, bind sources made absolute. */
final class MountConverter {
  private MountConverter() {}

  static List<MountConfig> convert(List<Mount> mounts, Path bundle) throws InvalidConfigException {
    List<MountConfig> out = new ArrayList<>();
    if (mounts == null) {
      return out;
    }
    for (int i = 0; i < mounts.size(); i++) {
      out.add(convert(mounts.get(i), bundle, "mounts[" + i + "]"));
    }
    return out;
  }

  private static MountConfig convert(Mount m, Path bundle, String path)
      throws InvalidConfigException {
    if (m == null) {
      throw new InvalidConfigException(path, "must be an object");
    }
    if (m.destination() == null || m.destination().isEmpty()) {
      throw new InvalidConfigException(path + ".destination", "required");
    }
    if (!m.destination().startsWith("/")) {
      throw new InvalidConfigException(path + ".destination",
          "\"" + m.destination() + "\" is not an absolute path");
    }
    if (m.uidMappings() != null || m.gidMappings() != null) {
      throw new InvalidConfigException(path + ".uidMappings", "id-mapped mounts are not supported by jcrun yet");
    }
    MountOptions options = MountOptions.parse(
        m.options() == null ? List.of() : m.options(), path + ".options");
    MountFlags flags = options.flags();
    String type = m.type() == null ? "" : m.type();
    if (type.equals("bind")) {
      flags = flags.with(MountFlag.MS_BIND);
    }
    boolean bind = flags.has(MountFlag.MS_BIND);
    if (!bind && type.isEmpty()) {
      throw new InvalidConfigException(path + ".type", "required unless options contain bind or rbind");
    }
    String source = m.source();
    if (bind) {
      if (source == null || source.isEmpty()) {
        throw new InvalidConfigException(path + ".source", "required for a bind mount");
      }
      source = bundle.resolve(source).normalize().toString();
    } else if (source == null || source.isEmpty()) {
      source = type;
    }
    return new MountConfig(ContainerPath.of(m.destination()), type, source, flags,
        options.propagation(), options.propagationRecursive(), options.recursiveAttrSet(),
        options.recursiveAttrClear(), options.data(), path);
  }
}
