package io.jcrun.linux;

/**
 * The Linux namespaces: their OCI name ({@code linux.namespaces[].type}), their name under
 * {@code /proc/<pid>/ns/} and their {@code CLONE_NEW*} flag.
 */
public enum NamespaceType {
  USER("user", "user", 0x10000000L),
  MOUNT("mount", "mnt", 0x00020000L),
  CGROUP("cgroup", "cgroup", 0x02000000L),
  UTS("uts", "uts", 0x04000000L),
  IPC("ipc", "ipc", 0x08000000L),
  PID("pid", "pid", 0x20000000L),
  NETWORK("network", "net", 0x40000000L),
  TIME("time", "time", 0x00000080L);

  private final String ociName;
  private final String procName;
  private final long cloneFlag;

  NamespaceType(String ociName, String procName, long cloneFlag) {
    this.ociName = ociName;
    this.procName = procName;
    this.cloneFlag = cloneFlag;
  }

  public String ociName() {
    return ociName;
  }

  public String procName() {
    return procName;
  }

  public long cloneFlag() {
    return cloneFlag;
  }

  /** The type whose OCI name is {@code name}, or {@code null}. */
  public static NamespaceType fromOciName(String name) {
    for (NamespaceType t : values()) {
      if (t.ociName.equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** {@code CLONE_NEWUSER|CLONE_NEWNS} style rendering of a set of clone flags. */
  public static String renderCloneFlags(long flags) {
    StringBuilder sb = new StringBuilder();
    for (NamespaceType t : values()) {
      if ((flags & t.cloneFlag) != 0) {
        sb.append(sb.isEmpty() ? "" : "|").append(t.cloneFlagName());
        flags &= ~t.cloneFlag;
      }
    }
    if (flags != 0) {
      sb.append(sb.isEmpty() ? "" : "|").append("0x").append(Long.toHexString(flags));
    }
    return sb.isEmpty() ? "0" : sb.toString();
  }

  public String cloneFlagName() {
    return this == MOUNT ? "CLONE_NEWNS" : this == NETWORK ? "CLONE_NEWNET" : "CLONE_NEW" + name();
  }
}
