package io.jcrun.runtime;

import io.jcrun.runtime.config.ContainerConfig;
import io.jcrun.runtime.config.SpecConverter;
import io.jcrun.runtime.rootfs.HostInfo;
import io.jcrun.spec.DefaultSpec;
import io.jcrun.spec.Spec;
import io.jcrun.spec.SpecMapper;
import java.nio.file.Path;
import java.util.List;

/** Configs and host facts for unit tests: runc's default spec, a hybrid-cgroup host. */
public final class TestConfigs {
  public static final Path BUNDLE = Path.of("/bundles/b1");

  private TestConfigs() {}

  /** The default spec with {@code patch} applied as JSON text replacements of the serialized spec. */
  public static ContainerConfig defaultConfig() throws Exception {
    return SpecConverter.convert(DefaultSpec.example(), BUNDLE);
  }

  public static ContainerConfig fromJson(String json) throws Exception {
    Spec spec = SpecMapper.readSpec(json);
    return SpecConverter.convert(spec, BUNDLE);
  }

  public static HostInfo hybridHost() {
    return new HostInfo(40, true, List.of(
        new HostInfo.MountPoint("/", "ext4", "rw"),
        new HostInfo.MountPoint("/sys/fs/cgroup", "tmpfs", "rw"),
        new HostInfo.MountPoint("/sys/fs/cgroup/cpu", "cgroup", "rw,cpu"),
        new HostInfo.MountPoint("/sys/fs/cgroup/memory", "cgroup", "rw,memory"),
        new HostInfo.MountPoint("/sys/fs/cgroup/unified", "cgroup2", "rw")),
        path -> !path.endsWith(".conf"));
  }
}
