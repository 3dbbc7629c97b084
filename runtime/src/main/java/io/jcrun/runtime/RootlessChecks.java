package io.jcrun.runtime;

import io.jcrun.linux.NamespaceType;
import io.jcrun.runtime.config.ContainerConfig;
import io.jcrun.runtime.config.InvalidConfigException;

/** What a config needs for jcrun to run it without root, checked before anything is made. */
final class RootlessChecks {
  private RootlessChecks() {}

  static void check(ContainerConfig config, int euid) throws InvalidConfigException {
    if (!config.namespaces().creates(NamespaceType.USER)) {
      throw new InvalidConfigException("linux.namespaces", "running as uid " + euid
          + " needs a new user namespace (`jcrun spec --rootless` writes such a config)");
    }
    if (config.namespaces().creates(NamespaceType.TIME)) {
      throw new InvalidConfigException("linux.namespaces", "a new time namespace needs root");
    }
  }
}
