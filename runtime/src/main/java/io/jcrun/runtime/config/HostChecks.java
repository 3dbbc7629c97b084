package io.jcrun.runtime.config;

import io.jcrun.namespaces.NamespaceAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks of a converted config that look at the host: the rootfs exists and is a
 * directory, namespaces to join and bind sources exist. Run before anything is created, so a
 * bad config leaves nothing behind.
 */
public final class HostChecks {
  private HostChecks() {}

  public static void check(ContainerConfig config) throws InvalidConfigException {
    Path rootfs = config.rootfs();
    if (!Files.exists(rootfs)) {
      throw new InvalidConfigException("root.path", rootfs + " does not exist");
    }
    if (!Files.isDirectory(rootfs)) {
      throw new InvalidConfigException("root.path", rootfs + " is not a directory");
    }
    if (rootfs.toString().equals("/")) {
      throw new InvalidConfigException("root.path", "the host's / cannot be a container's rootfs");
    }
    for (NamespaceAction.Join j : config.namespaces().joins()) {
      if (!Files.exists(Path.of(j.path()))) {
        throw new InvalidConfigException("linux.namespaces",
            j.type().ociName() + " namespace " + j.path() + " does not exist");
      }
    }
    for (MountConfig m : config.mounts()) {
      if (m.isBind() && !Files.exists(Path.of(m.source()))) {
        throw new InvalidConfigException(m.origin() + ".source", m.source() + " does not exist");
      }
    }
  }
}
