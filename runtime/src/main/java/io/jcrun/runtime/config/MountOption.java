package io.jcrun.runtime.config;

import io.jcrun.linux.MountFlag;
import java.util.HashMap;
import java.util.Map;

/**
 * The mount options jcrun understands, as one table (runc's {@code mountFlags}, crun's {@code
 * mount_flags.perf}): what each sets or clears. Anything not in the table is filesystem data.
 * The same table answers {@code jcrun features}.
 */
public enum MountOption {
  ACL("acl", Kind.SET, MountFlag.MS_POSIXACL),
  ASYNC("async", Kind.CLEAR, MountFlag.MS_SYNCHRONOUS),
  ATIME("atime", Kind.CLEAR, MountFlag.MS_NOATIME),
  BIND("bind", Kind.SET, MountFlag.MS_BIND),
  DEFAULTS("defaults", Kind.SET, null),
  DEV("dev", Kind.CLEAR, MountFlag.MS_NODEV),
  DIRATIME("diratime", Kind.CLEAR, MountFlag.MS_NODIRATIME),
  DIRSYNC("dirsync", Kind.SET, MountFlag.MS_DIRSYNC),
  EXEC("exec", Kind.CLEAR, MountFlag.MS_NOEXEC),
  LAZYTIME("lazytime", Kind.SET, MountFlag.MS_LAZYTIME),
  LOUD("loud", Kind.CLEAR, MountFlag.MS_SILENT),
  MAND("mand", Kind.SET, MountFlag.MS_MANDLOCK),
  NOACL("noacl", Kind.CLEAR, MountFlag.MS_POSIXACL),
  NOATIME("noatime", Kind.SET, MountFlag.MS_NOATIME),
  NODEV("nodev", Kind.SET, MountFlag.MS_NODEV),
  NODIRATIME("nodiratime", Kind.SET, MountFlag.MS_NODIRATIME),
  NOEXEC("noexec", Kind.SET, MountFlag.MS_NOEXEC),
  NOLAZYTIME("nolazytime", Kind.CLEAR, MountFlag.MS_LAZYTIME),
  NOMAND("nomand", Kind.CLEAR, MountFlag.MS_MANDLOCK),
  NORELATIME("norelatime", Kind.CLEAR, MountFlag.MS_RELATIME),
  NOSTRICTATIME("nostrictatime", Kind.CLEAR, MountFlag.MS_STRICTATIME),
  NOSUID("nosuid", Kind.SET, MountFlag.MS_NOSUID),
  NOSYMFOLLOW("nosymfollow", Kind.SET, MountFlag.MS_NOSYMFOLLOW),
  RBIND("rbind", Kind.SET, MountFlag.MS_BIND),
  RELATIME("relatime", Kind.SET, MountFlag.MS_RELATIME),
  REMOUNT("remount", Kind.SET, MountFlag.MS_REMOUNT),
  RO("ro", Kind.SET, MountFlag.MS_RDONLY),
  RW("rw", Kind.CLEAR, MountFlag.MS_RDONLY),
  SILENT("silent", Kind.SET, MountFlag.MS_SILENT),
  STRICTATIME("strictatime", Kind.SET, MountFlag.MS_STRICTATIME),
  SUID("suid", Kind.CLEAR, MountFlag.MS_NOSUID),
  SYNC("sync", Kind.SET, MountFlag.MS_SYNCHRONOUS),

  PRIVATE("private", Kind.PROPAGATION, MountFlag.MS_PRIVATE),
  RPRIVATE("rprivate", Kind.RECURSIVE_PROPAGATION, MountFlag.MS_PRIVATE),
  SHARED("shared", Kind.PROPAGATION, MountFlag.MS_SHARED),
  RSHARED("rshared", Kind.RECURSIVE_PROPAGATION, MountFlag.MS_SHARED),
  SLAVE("slave", Kind.PROPAGATION, MountFlag.MS_SLAVE),
  RSLAVE("rslave", Kind.RECURSIVE_PROPAGATION, MountFlag.MS_SLAVE),
  UNBINDABLE("unbindable", Kind.PROPAGATION, MountFlag.MS_UNBINDABLE),
  RUNBINDABLE("runbindable", Kind.RECURSIVE_PROPAGATION, MountFlag.MS_UNBINDABLE),

  RRO("rro", Kind.RECURSIVE_ATTR_SET, MountAttr.RDONLY),
  RRW("rrw", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.RDONLY),
  RNOSUID("rnosuid", Kind.RECURSIVE_ATTR_SET, MountAttr.NOSUID),
  RSUID("rsuid", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.NOSUID),
  RNODEV("rnodev", Kind.RECURSIVE_ATTR_SET, MountAttr.NODEV),
  RDEV("rdev", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.NODEV),
  RNOEXEC("rnoexec", Kind.RECURSIVE_ATTR_SET, MountAttr.NOEXEC),
  REXEC("rexec", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.NOEXEC),
  RNODIRATIME("rnodiratime", Kind.RECURSIVE_ATTR_SET, MountAttr.NODIRATIME),
  RDIRATIME("rdiratime", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.NODIRATIME),
  RRELATIME("rrelatime", Kind.RECURSIVE_ATIME, MountAttr.RELATIME),
  RNORELATIME("rnorelatime", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.RELATIME),
  RNOATIME("rnoatime", Kind.RECURSIVE_ATIME, MountAttr.NOATIME),
  RATIME("ratime", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.NOATIME),
  RSTRICTATIME("rstrictatime", Kind.RECURSIVE_ATIME, MountAttr.STRICTATIME),
  RNOSTRICTATIME("rnostrictatime", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.STRICTATIME),
  RNOSYMFOLLOW("rnosymfollow", Kind.RECURSIVE_ATTR_SET, MountAttr.NOSYMFOLLOW),
  RSYMFOLLOW("rsymfollow", Kind.RECURSIVE_ATTR_CLEAR, MountAttr.NOSYMFOLLOW);

  /** How an option acts. */
  public enum Kind {
    SET, CLEAR, PROPAGATION, RECURSIVE_PROPAGATION, RECURSIVE_ATTR_SET, RECURSIVE_ATTR_CLEAR,
    /** An atime mode: set it and clear the other atime modes (MOUNT_ATTR__ATIME). */
    RECURSIVE_ATIME
  }

  private static final Map<String, MountOption> BY_NAME = new HashMap<>();

  static {
    for (MountOption o : values()) {
      BY_NAME.put(o.option, o);
    }
  }

  private final String option;
  private final Kind kind;
  private final long value;

  MountOption(String option, Kind kind, MountFlag flag) {
    this(option, kind, flag == null ? 0 : flag.value());
  }

  MountOption(String option, Kind kind, long value) {
    this.option = option;
    this.kind = kind;
    this.value = value;
  }

  public String option() {
    return option;
  }

  public Kind kind() {
    return kind;
  }

  public long value() {
    return value;
  }

  /** The option named {@code name}, or null when it is filesystem data. */
  public static MountOption find(String name) {
    return BY_NAME.get(name);
  }
}
