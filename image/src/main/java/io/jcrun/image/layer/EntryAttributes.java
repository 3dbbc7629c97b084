package io.jcrun.image.layer;

import static io.jcrun.linux.OpenFlags.AT_SYMLINK_NOFOLLOW;

import io.jcrun.image.layer.DirectoryHandles.Handle;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;

/**
 * Sets an entry's owner, mode, xattrs and times, by name in its already-resolved parent and
 * without following a symlink. Skips what creation already got right (owner = this process,
 * mode = what the umask let through), since every call is a system call per entry.
 */
final class EntryAttributes {
  private static final String TRUSTED_OVERLAY = "trusted.overlay.";
  private static final String USER_OVERLAY = "user.overlay.";

  private final Syscalls syscalls;
  private final int euid;
  private final int egid;
  private final int umask;

  EntryAttributes(Syscalls syscalls) {
    this.syscalls = syscalls;
    this.euid = syscalls.geteuid();
    this.egid = syscalls.getegid();
    this.umask = ProcessUmask.read();
  }

  /**
   * Owner, then mode (chown clears setuid and setgid), then xattrs (chown clears
   * security.capability), then times, for a file, device or fifo just created with {@code
   * meta}'s permission bits.
   */
  void finishNode(Handle parent, String name, FileMetadata meta) throws SyscallException {
    setOwner(parent, name, meta);
    int made = meta.mode() & 0777 & ~umask;
    if (meta.mode() != made) {
      syscalls.fchmodat(parent.fd(), name, meta.mode());
    }
    setXattrs(parent, name, meta, false);
    setTimes(parent, name, meta);
  }

  void setOwner(Handle parent, String name, FileMetadata meta) throws SyscallException {
    if (meta.uid() != euid || meta.gid() != egid) {
      syscalls.fchownat(parent.fd(), name, meta.uid(), meta.gid(), AT_SYMLINK_NOFOLLOW);
    }
  }

  void setXattrs(Handle parent, String name, FileMetadata meta, boolean symlink)
      throws SyscallException {
    for (var e : meta.xattrs().entrySet()) {
      String key = e.getKey();
      // An overlay xattr in a layer would be obeyed by the mount (redirects, opaque dirs, metacopy)
      // instead of being content; only the applier writes them. Linux refuses user.* xattrs on
      // symlinks.
      if (key.startsWith(TRUSTED_OVERLAY) || key.startsWith(USER_OVERLAY)
          || (symlink && key.startsWith("user."))) {
        continue;
      }
      syscalls.lsetxattr(parent.procPath(name), key, e.getValue());
    }
  }

  void setTimes(Handle parent, String name, FileMetadata meta) throws SyscallException {
    syscalls.utimensat(parent.fd(), name, meta.atimeNanos(), meta.mtimeNanos(),
        AT_SYMLINK_NOFOLLOW);
  }
}
