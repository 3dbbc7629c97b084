package io.jcrun.linux;

/** The {@code MS_*} flags of mount(2). */
public enum MountFlag {
  MS_RDONLY(1L),
  MS_NOSUID(1L << 1),
  MS_NODEV(1L << 2),
  MS_NOEXEC(1L << 3),
  MS_SYNCHRONOUS(1L << 4),
  MS_REMOUNT(1L << 5),
  MS_MANDLOCK(1L << 6),
  MS_DIRSYNC(1L << 7),
  MS_NOSYMFOLLOW(1L << 8),
  MS_NOATIME(1L << 10),
  MS_NODIRATIME(1L << 11),
  MS_BIND(1L << 12),
  MS_MOVE(1L << 13),
  MS_REC(1L << 14),
  MS_SILENT(1L << 15),
  MS_POSIXACL(1L << 16),
  MS_UNBINDABLE(1L << 17),
  MS_PRIVATE(1L << 18),
  MS_SLAVE(1L << 19),
  MS_SHARED(1L << 20),
  MS_RELATIME(1L << 21),
  MS_STRICTATIME(1L << 24),
  MS_LAZYTIME(1L << 25);

  private final long value;

  MountFlag(long value) {
    this.value = value;
  }

  public long value() {
    return value;
  }
}
