package io.jcrun.linux;

import java.util.List;

/**
 * The system calls that set up a container, one method per call. Arguments are what the kernel
 * receives; no defaults, retries or policy live here. Three implementations: {@link
 * LinuxSyscalls} runs them now, the init-program recorder turns them into ops that {@code
 * jcrun-init} replays inside the container, and {@code FakeSyscalls} records them for tests.
 *
 * <p>A few methods are fixed composites where the kernel forces several calls to belong
 * together (resolving a path inside a root and creating what is missing, {@code pivot_root}'s
 * dance, masking a path); each says so.
 */
public interface ContainerSyscalls {

  /** {@code openat(dir, path, flags, mode)}; flags are {@link OpenFlags}. */
  Fd openat(Fd dir, String path, int flags, int mode) throws SyscallException;

  /**
   * Opens {@code path} inside {@code root}: {@code openat2(root, path, flags, RESOLVE_IN_ROOT |
   * RESOLVE_NO_MAGICLINKS)}, so neither a symlink nor {@code ..} leaves the root. Composite:
   * creates missing parents as directories (mode 0755) and the last component as {@code
   * create} says, each resolved the same way.
   */
  Fd openInRoot(Fd root, ContainerPath path, int flags, InRootCreate create) throws SyscallException;

  /** {@code close(fd)}. The kernel releases the fd even when close reports an error. */
  void close(Fd fd);

  /** {@code mount(source, target, fstype, flags, data)}; null strings are NULL. */
  void mount(String source, String target, String fstype, MountFlags flags, String data)
      throws SyscallException;

  /**
   * {@code mount(source, "/proc/self/fd/<target>", fstype, flags, data)}: mounts onto what an fd
   * resolved, so the mount lands where the resolution ended.
   */
  void mountOnFd(String source, Fd target, String fstype, MountFlags flags, String data)
      throws SyscallException;

  /**
   * {@code mount_setattr(target, "", AT_EMPTY_PATH [| AT_RECURSIVE], {attrSet, attrClr,
   * propagation})}; attributes are {@code MOUNT_ATTR_*} values.
   */
  void mountSetattr(Fd target, boolean recursive, long attrSet, long attrClr, long propagation)
      throws SyscallException;

  /** {@code umount2(target, flags)}. */
  void umount2(String target, int flags) throws SyscallException;

  /**
   * Makes {@code newRoot} the root. Composite, the sequence runc uses: {@code fchdir(newRoot);
   * pivot_root(".", "."); mount(NULL, ".", NULL, MS_SLAVE|MS_REC); umount2(".", MNT_DETACH);
   * chdir("/")}. The old root is stacked under the new one and detached without a directory
   * for it in the rootfs.
   */
  void pivotRoot(Fd newRoot) throws SyscallException;

  /**
   * The {@code --no-pivot} root change. Composite: {@code fchdir(newRoot); mount(".", "/", NULL,
   * MS_MOVE); chroot("."); chdir("/")}.
   */
  void moveRoot(Fd newRoot) throws SyscallException;

  /**
   * Masks {@code path} inside {@code root} (a {@code linux.maskedPaths} entry). Composite: a
   * missing path is skipped; a directory gets a read-only empty tmpfs; anything else gets
   * {@code root}'s {@code /dev/null} bind-mounted over it, after checking with {@code fstat}
   * that it is the real character device 1:3.
   */
  void maskPath(Fd root, ContainerPath path) throws SyscallException;

  /**
   * Makes {@code path} inside {@code root} read-only (a {@code linux.readonlyPaths} entry).
   * Composite: a missing path is skipped; otherwise a recursive bind of the path onto itself,
   * then a remount read-only keeping its nosuid, nodev and noexec.
   */
  void readonlyPath(Fd root, ContainerPath path) throws SyscallException;

  /** {@code mknodat(dir, path, mode, makedev(major, minor))}; mode includes the file type. */
  void mknodat(Fd dir, String path, int mode, int major, int minor) throws SyscallException;

  /** {@code mkdirat(dir, path, mode)}. */
  void mkdirat(Fd dir, String path, int mode) throws SyscallException;

  /** {@code symlinkat(target, dir, linkPath)}. */
  void symlinkat(String target, Fd dir, String linkPath) throws SyscallException;

  /** {@code fchownat(dir, path, uid, gid, flags)}; flags are {@code AT_*}. */
  void fchownat(Fd dir, String path, int uid, int gid, int flags) throws SyscallException;

  /** {@code fchmodat(dir, path, mode, 0)}. */
  void fchmodat(Fd dir, String path, int mode) throws SyscallException;

  /** Opens {@code dir}/{@code path} write-only without creating it, writes {@code data}, closes. */
  void writeFile(Fd dir, String path, byte[] data) throws SyscallException;

  /** {@code unshare(flags)}; flags are {@code CLONE_*} values. */
  void unshare(long flags) throws SyscallException;

  /** {@code setns(fd, type)}. */
  void setns(Fd fd, NamespaceType type) throws SyscallException;

  void sethostname(String name) throws SyscallException;

  void setdomainname(String name) throws SyscallException;

  /** {@code setrlimit(resource, {soft, hard})}; {@code -1} is {@code RLIM_INFINITY}. */
  void setrlimit(int resource, long soft, long hard) throws SyscallException;

  void setresuid(int ruid, int euid, int suid) throws SyscallException;

  void setresgid(int rgid, int egid, int sgid) throws SyscallException;

  void setgroups(int[] groups) throws SyscallException;

  /** {@code umask(mask)}; cannot fail. */
  void umask(int mask);

  /** {@code capset} of the three per-thread sets, as bit masks over {@link Capability#number()}. */
  void capset(long effective, long permitted, long inheritable) throws SyscallException;

  /** {@code prctl(PR_CAPBSET_DROP, cap)}. */
  void capBoundingDrop(Capability cap) throws SyscallException;

  /** {@code prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap)}. */
  void capAmbientRaise(Capability cap) throws SyscallException;

  /** {@code prctl(option, arg)} for the single-argument options ({@link Prctl}). */
  void prctl(int option, long arg) throws SyscallException;

  void chdir(String path) throws SyscallException;

  void fchdir(Fd dir) throws SyscallException;

  void setsid() throws SyscallException;

  /**
   * Marks every fd from {@code first} up close-on-exec ({@code close_range(first, ~0U,
   * CLOSE_RANGE_CLOEXEC)}), so nothing the process inherited survives {@code execve}.
   */
  void closeOnExecFrom(int first) throws SyscallException;

  /** {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, program)}; the program is sock_filter[]. */
  void seccompLoad(byte[] program, int flags) throws SyscallException;

  /**
   * {@code execve}: when {@code file} has no slash it is looked up in {@code searchPath} (the
   * {@code PATH} of the process's environment, colon separated) as {@code execvp} would.
   */
  void execve(String file, List<String> argv, List<String> env, String searchPath)
      throws SyscallException;
}
