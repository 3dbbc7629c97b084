package io.jcrun.overlayfs;

import io.jcrun.linux.Fd;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;

/**
 * Writes overlayfs's whiteout format into a layer directory: a 0/0 character device hides a lower
 * entry, and the {@code overlay.opaque} xattr ({@code trusted.} namespace, or {@code user.} for
 * mounts with {@code userxattr}) hides a lower directory's whole content.
 */
public final class OverlayWhiteouts {
  /** The opaque xattr read by an overlay mounted without {@code userxattr}. */
  public static final String TRUSTED_OPAQUE = "trusted.overlay.opaque";

  /** The opaque xattr read by an overlay mounted with {@code userxattr} (rootless). */
  public static final String USER_OPAQUE = "user.overlay.opaque";

  private static final byte[] OPAQUE_VALUE = {'y'};

  private final Syscalls syscalls;
  private final String opaqueXattr;

  public OverlayWhiteouts(Syscalls syscalls, boolean userXattr) {
    this.syscalls = syscalls;
    this.opaqueXattr = userXattr ? USER_OPAQUE : TRUSTED_OPAQUE;
  }

  /** The xattr that marks a directory opaque in this format. */
  public String opaqueXattr() {
    return opaqueXattr;
  }

  /** Creates the whiteout {@code name} in {@code dir}: {@code mknodat(dir, name, S_IFCHR, 0)}. */
  public void createWhiteout(Fd dir, String name) throws SyscallException {
    syscalls.mknodat(dir, name, OpenFlags.S_IFCHR, 0, 0);
  }

  /**
   * Marks the directory at {@code path} opaque. The path is handed to {@code lsetxattr}, so it
   * should name the directory through a resolved fd ({@code /proc/self/fd/N/.}), not a string
   * built from untrusted names.
   */
  public void markOpaque(String path) throws SyscallException {
    syscalls.lsetxattr(path, opaqueXattr, OPAQUE_VALUE);
  }
}
