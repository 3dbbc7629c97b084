package io.jcrun.runtime.config;

import io.jcrun.linux.ContainerPath;

/**
 * A device node to create in the container: type {@code c}, {@code b} or {@code p}, with the
 * permission bits of {@code fileMode} and its owner.
 */
public record DeviceConfig(ContainerPath path, char type, int major, int minor, int fileMode,
    int uid, int gid) {

  /** The mode for mknod(2): the file type bits plus the permissions. */
  public int mknodMode() {
    int kind = switch (type) {
      case 'c', 'u' -> io.jcrun.linux.OpenFlags.S_IFCHR;
      case 'b' -> io.jcrun.linux.OpenFlags.S_IFBLK;
      case 'p' -> io.jcrun.linux.OpenFlags.S_IFIFO;
      default -> throw new IllegalStateException("device type " + type);
    };
    return kind | (fileMode & 07777);
  }
}
