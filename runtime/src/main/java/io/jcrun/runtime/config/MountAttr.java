package io.jcrun.runtime.config;

/** The {@code MOUNT_ATTR_*} values of mount_setattr(2). */
public final class MountAttr {
  public static final long RDONLY = 0x1;
  public static final long NOSUID = 0x2;
  public static final long NODEV = 0x4;
  public static final long NOEXEC = 0x8;
  /** The atime mode bits; setting one mode needs this in attr_clr. */
  public static final long ATIME_MASK = 0x70;
  public static final long RELATIME = 0x0;
  public static final long NOATIME = 0x10;
  public static final long STRICTATIME = 0x20;
  public static final long NODIRATIME = 0x80;
  public static final long NOSYMFOLLOW = 0x200000;

  private MountAttr() {}
}
