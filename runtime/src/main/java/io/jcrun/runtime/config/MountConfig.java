package io.jcrun.runtime.config;

import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.MountFlags;

/**
 * One converted {@code mounts} entry. Immutable; {@code source} is absolute on the host for
 * binds. {@code flags} go to mount(2) (with MS_BIND/MS_REC for binds); {@code propagation} and
 * the recursive attributes are applied afterwards with mount_setattr.
 *
 * @param origin the JSON path it came from, for error messages
 */
public record MountConfig(
    ContainerPath destination,
    String type,
    String source,
    MountFlags flags,
    long propagation,
    boolean propagationRecursive,
    long recursiveAttrSet,
    long recursiveAttrClear,
    String data,
    String origin) {

  public boolean isBind() {
    return flags.has(io.jcrun.linux.MountFlag.MS_BIND);
  }
}
