package io.jcrun.linux;

import static io.jcrun.linux.OpenFlags.AT_EMPTY_PATH;
import static io.jcrun.linux.OpenFlags.AT_RECURSIVE;
import static io.jcrun.linux.OpenFlags.O_CLOEXEC;
import static io.jcrun.linux.OpenFlags.O_CREAT;
import static io.jcrun.linux.OpenFlags.O_DIRECTORY;
import static io.jcrun.linux.OpenFlags.O_EXCL;
import static io.jcrun.linux.OpenFlags.O_NOFOLLOW;
import static io.jcrun.linux.OpenFlags.O_PATH;
import static io.jcrun.linux.OpenFlags.O_WRONLY;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * {@link Syscalls} on the running kernel, through jnr-ffi. Every result is checked and every
 * failure is a {@link SyscallException} carrying the call, its arguments and errno, read right
 * after the call on the same thread. Every fd it opens is close-on-exec.
 */
public final class LinuxSyscalls implements Syscalls {
  private static final int RESOLVE_NO_MAGICLINKS = 0x02;
  private static final int RESOLVE_IN_ROOT = 0x10;
  private static final long MOUNT_ATTR_RDONLY = 0x1;
  private static final int MAX_SYMLINK_DEPTH = 40;
  private static final int EINTR = 4;

  private final SyscallNumbers nr;
  private LibC libc;
  private jnr.ffi.Runtime runtime;

  private LinuxSyscalls() {
    this.nr = SyscallNumbers.forCurrentArch();
  }

  /**
   * The facade for this process. libc is bound on the first call that needs it, so a verb
   * that makes none (state, list) never pays for jnr-ffi's start-up.
   */
  public static LinuxSyscalls load() {
    return new LinuxSyscalls();
  }

  /** Binds libc now; fails with the cause when the native library cannot be loaded. */
  private LibC libc() {
    if (libc == null) {
      libc = LibraryLoader.create(LibC.class).load("c");
      runtime = jnr.ffi.Runtime.getRuntime(libc);
    }
    return libc;
  }

  private jnr.ffi.Runtime runtime() {
    libc();
    return runtime;
  }

  // ---- helpers ---------------------------------------------------------------------------

  private int errno() {
    return LastError.getLastError(runtime());
  }

  private int check(int rc, String call) throws SyscallException {
    if (rc < 0) {
      throw new SyscallException(call, errno());
    }
    return rc;
  }

  private long check(long rc, String call) throws SyscallException {
    if (rc < 0) {
      throw new SyscallException(call, errno());
    }
    return rc;
  }

  private Fd fd(int number) {
    return new Fd(number, this);
  }

  private Pointer memory(int size) {
    return Memory.allocateDirect(runtime(), size, true);
  }

  private Pointer cstring(String s) {
    byte[] b = s.getBytes(UTF_8);
    Pointer p = memory(b.length + 1);
    p.put(0, b, 0, b.length);
    return p;
  }

  /** A NULL-terminated {@code char *[]}; the strings stay reachable through {@code keep}. */
  private Pointer cstringArray(List<String> strings, List<Pointer> keep) {
    Pointer array = memory((strings.size() + 1) * 8);
    for (int i = 0; i < strings.size(); i++) {
      Pointer s = cstring(strings.get(i));
      keep.add(s);
      array.putAddress(i * 8L, s.address());
    }
    return array;
  }

  private long sys(long number, long... args) {
    long[] a = new long[6];
    System.arraycopy(args, 0, a, 0, args.length);
    return libc().syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
  }

  static String q(String s) {
    return s == null ? "NULL" : "\"" + s + "\"";
  }

  private static String procFd(Fd fd) {
    return "/proc/self/fd/" + fd.number();
  }

  // ---- ContainerSyscalls -------------------------------------------------------------------

  @Override
  public Fd openat(Fd dir, String path, int flags, int mode) throws SyscallException {
    Pointer p = cstring(path);
    long rc = sys(nr.openat(), dir.number(), p.address(), flags | O_CLOEXEC, mode);
    return fd((int) check(rc, "openat(" + dir + ", " + q(path) + ", " + OpenFlags.render(flags)
        + ", 0" + Integer.toOctalString(mode) + ")"));
  }

  private Fd openat2(Fd dir, String path, int flags, int resolve) throws SyscallException {
    Pointer p = cstring(path);
    Pointer how = memory(24);
    how.putLong(0, (flags | O_CLOEXEC) & 0xffffffffL);
    how.putLong(16, resolve);
    long rc = sys(SyscallNumbers.OPENAT2, dir.number(), p.address(), how.address(), 24);
    return fd((int) check(rc, "openat2(" + dir + ", " + q(path) + ", " + OpenFlags.render(flags)
        + ", RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS)"));
  }

  @Override
  public Fd openInRoot(Fd root, ContainerPath path, int flags, InRootCreate create)
      throws SyscallException {
    return openInRoot(root, path, flags, create, 0);
  }

  private Fd openInRoot(Fd root, ContainerPath path, int flags, InRootCreate create, int depth)
      throws SyscallException {
    String rel = path.isRoot() ? "." : path.relative();
    try {
      return openat2(root, rel, flags, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
    } catch (SyscallException e) {
      if (!e.is(Errno.ENOENT) || create == InRootCreate.NONE || path.isRoot()) {
        throw e;
      }
    }
    if (depth > MAX_SYMLINK_DEPTH) {
      throw new SyscallException("openInRoot(" + root + ", " + q(path.value()) + ")",
          Errno.ELOOP.number());
    }
    try (Fd parent = openInRoot(root, path.parent(), O_PATH | O_DIRECTORY,
        InRootCreate.DIRECTORY, depth + 1)) {
      try {
        if (create == InRootCreate.DIRECTORY) {
          mkdirat(parent, path.fileName(), 0755);
        } else {
          openat(parent, path.fileName(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0644).close();
        }
      } catch (SyscallException e) {
        if (!e.is(Errno.EEXIST)) {
          throw e;
        }
        // A dangling symlink: create what it points at, inside the root.
        String target = readlinkat(parent, path.fileName());
        if (target != null) {
          ContainerPath next = target.startsWith("/")
              ? ContainerPath.of(target) : path.parent().resolve(target);
          openInRoot(root, next, O_PATH, create, depth + 1).close();
        }
      }
    }
    return openat2(root, rel, flags, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
  }

  /** The target of a symlink, or {@code null} when {@code path} is not one. */
  private String readlinkat(Fd dir, String path) throws SyscallException {
    Pointer p = cstring(path);
    Pointer buf = memory(4096);
    long n = sys(nr.readlinkat(), dir.number(), p.address(), buf.address(), 4096);
    if (n < 0) {
      int e = errno();
      if (e == Errno.EINVAL.number()) {
        return null;
      }
      throw new SyscallException("readlinkat(" + dir + ", " + q(path) + ")", e);
    }
    byte[] b = new byte[(int) n];
    buf.get(0, b, 0, b.length);
    return new String(b, UTF_8);
  }

  @Override
  public void close(Fd fd) {
    // close(2) releases the descriptor even when it reports EINTR or EIO; nothing to retry.
    libc().close(fd.number());
  }

  @Override
  public void mount(String source, String target, String fstype, MountFlags flags, String data)
      throws SyscallException {
    check(libc().mount(source, target, fstype, flags.bits(), data),
        "mount(" + q(source) + ", " + q(target) + ", " + q(fstype) + ", " + flags + ", "
            + q(data) + ")");
  }

  @Override
  public void mountOnFd(String source, Fd target, String fstype, MountFlags flags, String data)
      throws SyscallException {
    mount(source, procFd(target), fstype, flags, data);
  }

  @Override
  public void mountSetattr(Fd target, boolean recursive, long attrSet, long attrClr,
      long propagation) throws SyscallException {
    Pointer attr = memory(32);
    attr.putLong(0, attrSet);
    attr.putLong(8, attrClr);
    attr.putLong(16, propagation);
    Pointer empty = cstring("");
    long rc = sys(SyscallNumbers.MOUNT_SETATTR, target.number(), empty.address(),
        AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), attr.address(), 32);
    check(rc, "mount_setattr(" + target + ", \"\", AT_EMPTY_PATH" + (recursive ? "|AT_RECURSIVE" : "")
        + ", {attr_set=0x" + Long.toHexString(attrSet) + ", attr_clr=0x" + Long.toHexString(attrClr)
        + ", propagation=" + new MountFlags(propagation) + "})");
  }

  @Override
  public void umount2(String target, int flags) throws SyscallException {
    check(libc().umount2(target, flags), "umount2(" + q(target) + ", " + flags + ")");
  }

  @Override
  public void pivotRoot(Fd newRoot) throws SyscallException {
    fchdir(newRoot);
    Pointer dot = cstring(".");
    check(sys(nr.pivotRoot(), dot.address(), dot.address()), "pivot_root(\".\", \".\")");
    mount(null, ".", null, MountFlags.of(MountFlag.MS_SLAVE, MountFlag.MS_REC), null);
    umount2(".", 2 /* MNT_DETACH */);
    chdir("/");
  }

  @Override
  public void moveRoot(Fd newRoot) throws SyscallException {
    fchdir(newRoot);
    mount(".", "/", null, MountFlags.of(MountFlag.MS_MOVE), null);
    check(libc().chroot("."), "chroot(\".\")");
    chdir("/");
  }

  @Override
  public void maskPath(Fd root, ContainerPath path) throws SyscallException {
    Fd target;
    try {
      target = openInRoot(root, path, O_PATH, InRootCreate.NONE);
    } catch (SyscallException e) {
      if (e.is(Errno.ENOENT)) {
        return;
      }
      throw e;
    }
    try (target) {
      if ((statx(target)[0] & OpenFlags.S_IFMT) == OpenFlags.S_IFDIR) {
        mountOnFd("tmpfs", target, "tmpfs", MountFlags.of(MountFlag.MS_RDONLY), null);
        return;
      }
      try (Fd devNull = openInRoot(root, ContainerPath.of("/dev/null"), O_PATH, InRootCreate.NONE)) {
        int[] st = statx(devNull);
        if ((st[0] & OpenFlags.S_IFMT) != OpenFlags.S_IFCHR || st[1] != 1 || st[2] != 3) {
          throw new SyscallException("maskPath(" + q(path.value()) + "): /dev/null is not the"
              + " null device (1:3)", Errno.EPERM.number());
        }
        mount(procFd(devNull), procFd(target), null, MountFlags.of(MountFlag.MS_BIND), null);
      }
    }
  }

  @Override
  public void readonlyPath(Fd root, ContainerPath path) throws SyscallException {
    try (Fd target = openInRoot(root, path, O_PATH, InRootCreate.NONE)) {
      mount(procFd(target), procFd(target), null,
          MountFlags.of(MountFlag.MS_BIND, MountFlag.MS_REC), null);
    } catch (SyscallException e) {
      if (e.is(Errno.ENOENT)) {
        return;
      }
      throw e;
    }
    // The fd still names the directory under the new bind mount; resolve again to reach it.
    try (Fd mounted = openInRoot(root, path, O_PATH, InRootCreate.NONE)) {
      mountSetattr(mounted, true, MOUNT_ATTR_RDONLY, 0, 0);
    }
  }

  /** statx of an fd: {mode, rdev major, rdev minor}. */
  private int[] statx(Fd fd) throws SyscallException {
    Pointer empty = cstring("");
    Pointer buf = memory(256);
    check(sys(nr.statx(), fd.number(), empty.address(), AT_EMPTY_PATH, 0x3, buf.address()),
        "statx(" + fd + ", \"\", AT_EMPTY_PATH)");
    return new int[] {buf.getShort(28) & 0xffff, buf.getInt(128), buf.getInt(132)};
  }

  @Override
  public void mknodat(Fd dir, String path, int mode, int major, int minor)
      throws SyscallException {
    long dev = makedev(major, minor);
    check(libc().mknodat(dir.number(), path, mode, dev), "mknodat(" + dir + ", " + q(path) + ", 0"
        + Integer.toOctalString(mode) + ", makedev(" + major + ", " + minor + "))");
  }

  static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
  }

  @Override
  public void mkdirat(Fd dir, String path, int mode) throws SyscallException {
    check(libc().mkdirat(dir.number(), path, mode),
        "mkdirat(" + dir + ", " + q(path) + ", 0" + Integer.toOctalString(mode) + ")");
  }

  @Override
  public void symlinkat(String target, Fd dir, String linkPath) throws SyscallException {
    check(libc().symlinkat(target, dir.number(), linkPath),
        "symlinkat(" + q(target) + ", " + dir + ", " + q(linkPath) + ")");
  }

  @Override
  public void fchownat(Fd dir, String path, int uid, int gid, int flags) throws SyscallException {
    check(libc().fchownat(dir.number(), path, uid, gid, flags),
        "fchownat(" + dir + ", " + q(path) + ", " + uid + ", " + gid + ", 0x"
            + Integer.toHexString(flags) + ")");
  }

  @Override
  public void fchmodat(Fd dir, String path, int mode) throws SyscallException {
    check(libc().fchmodat(dir.number(), path, mode, 0),
        "fchmodat(" + dir + ", " + q(path) + ", 0" + Integer.toOctalString(mode) + ")");
  }

  @Override
  public void writeFile(Fd dir, String path, byte[] data) throws SyscallException {
    try (Fd f = openat(dir, path, O_WRONLY | O_NOFOLLOW, 0)) {
      write(f, data);
    }
  }

  @Override
  public void unshare(long flags) throws SyscallException {
    check(libc().unshare((int) flags), "unshare(" + NamespaceType.renderCloneFlags(flags) + ")");
  }

  @Override
  public void setns(Fd fd, NamespaceType type) throws SyscallException {
    check(libc().setns(fd.number(), (int) type.cloneFlag()),
        "setns(" + fd + ", " + type.cloneFlagName() + ")");
  }

  @Override
  public void sethostname(String name) throws SyscallException {
    check(libc().sethostname(name, name.getBytes(UTF_8).length), "sethostname(" + q(name) + ")");
  }

  @Override
  public void setdomainname(String name) throws SyscallException {
    check(libc().setdomainname(name, name.getBytes(UTF_8).length),
        "setdomainname(" + q(name) + ")");
  }

  @Override
  public void setrlimit(int resource, long soft, long hard) throws SyscallException {
    Pointer r = memory(16);
    r.putLong(0, soft);
    r.putLong(8, hard);
    check(libc().setrlimit(resource, r), "setrlimit(" + resource + ", {" + soft + ", " + hard + "})");
  }

  @Override
  public void setresuid(int ruid, int euid, int suid) throws SyscallException {
    check(libc().setresuid(ruid, euid, suid), "setresuid(" + ruid + ", " + euid + ", " + suid + ")");
  }

  @Override
  public void setresgid(int rgid, int egid, int sgid) throws SyscallException {
    check(libc().setresgid(rgid, egid, sgid), "setresgid(" + rgid + ", " + egid + ", " + sgid + ")");
  }

  @Override
  public void setgroups(int[] groups) throws SyscallException {
    check(libc().setgroups(groups.length, groups), "setgroups(" + java.util.Arrays.toString(groups) + ")");
  }

  @Override
  public void umask(int mask) {
    libc().umask(mask);
  }

  @Override
  public void capset(long effective, long permitted, long inheritable) throws SyscallException {
    Pointer header = memory(8);
    header.putInt(0, 0x20080522); // _LINUX_CAPABILITY_VERSION_3: two 32-bit words per set
    Pointer data = memory(24);
    data.putInt(0, (int) effective);
    data.putInt(4, (int) permitted);
    data.putInt(8, (int) inheritable);
    data.putInt(12, (int) (effective >>> 32));
    data.putInt(16, (int) (permitted >>> 32));
    data.putInt(20, (int) (inheritable >>> 32));
    check(sys(nr.capset(), header.address(), data.address()),
        "capset(effective=0x" + Long.toHexString(effective) + ", permitted=0x"
            + Long.toHexString(permitted) + ", inheritable=0x" + Long.toHexString(inheritable) + ")");
  }

  @Override
  public void capBoundingDrop(Capability cap) throws SyscallException {
    check(sys(nr.prctl(), Prctl.PR_CAPBSET_DROP, cap.number()),
        "prctl(PR_CAPBSET_DROP, " + cap + ")");
  }

  @Override
  public void capAmbientRaise(Capability cap) throws SyscallException {
    check(sys(nr.prctl(), Prctl.PR_CAP_AMBIENT, Prctl.PR_CAP_AMBIENT_RAISE, cap.number()),
        "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, " + cap + ")");
  }

  @Override
  public void prctl(int option, long arg) throws SyscallException {
    check(sys(nr.prctl(), option, arg), "prctl(" + Prctl.name(option) + ", " + arg + ")");
  }

  @Override
  public void chdir(String path) throws SyscallException {
    check(libc().chdir(path), "chdir(" + q(path) + ")");
  }

  @Override
  public void fchdir(Fd dir) throws SyscallException {
    check(libc().fchdir(dir.number()), "fchdir(" + dir + ")");
  }

  @Override
  public void setsid() throws SyscallException {
    check(libc().setsid(), "setsid()");
  }

  @Override
  public void closeOnExecFrom(int first) throws SyscallException {
    check(sys(SyscallNumbers.CLOSE_RANGE, first, 0xffffffffL, 1 << 2),
        "close_range(" + first + ", ~0U, CLOSE_RANGE_CLOEXEC)");
  }

  @Override
  public void seccompLoad(byte[] program, int flags) throws SyscallException {
    Pointer filter = memory(program.length);
    filter.put(0, program, 0, program.length);
    Pointer fprog = memory(16);
    fprog.putShort(0, (short) (program.length / 8));
    fprog.putAddress(8, filter.address());
    check(sys(nr.seccomp(), 1 /* SECCOMP_SET_MODE_FILTER */, flags, fprog.address()),
        "seccomp(SECCOMP_SET_MODE_FILTER, " + flags + ", {" + program.length / 8 + " insns})");
  }

  @Override
  public void execve(String file, List<String> argv, List<String> env, String searchPath)
      throws SyscallException {
    List<Pointer> keep = new ArrayList<>();
    Pointer args = cstringArray(argv, keep);
    Pointer envp = cstringArray(env, keep);
    if (file.contains("/")) {
      libc().execve(file, args, envp);
      throw new SyscallException("execve(" + q(file) + ")", errno());
    }
    int firstError = Errno.ENOENT.number();
    for (String dir : searchPath.split(":", -1)) {
      String candidate = (dir.isEmpty() ? "." : dir) + "/" + file;
      libc().execve(candidate, args, envp);
      int e = errno();
      if (e == Errno.EACCES.number()) {
        firstError = e;
      } else if (e != Errno.ENOENT.number() && e != Errno.ENOTDIR.number()) {
        throw new SyscallException("execve(" + q(candidate) + ")", e);
      }
    }
    throw new SyscallException("execvp(" + q(file) + ", PATH=" + q(searchPath) + ")", firstError);
  }

  // ---- host-only ----------------------------------------------------------------------------

  @Override
  public int spawn(String path, List<String> argv, List<String> env, List<FdMapping> fds,
      int closeFrom) throws SyscallException {
    Pointer actions = memory(1024);
    Pointer attributes = memory(1024);
    String call = "posix_spawn(" + q(path) + ", " + argv + ")";
    checkSpawn(libc().posix_spawn_file_actions_init(actions), call);
    checkSpawn(libc().posix_spawnattr_init(attributes), call);
    try {
      for (FdMapping m : fds) {
        if (m.source().number() == m.target()) {
          throw new IllegalArgumentException("fd mapping onto itself: " + m);
        }
        checkSpawn(libc().posix_spawn_file_actions_adddup2(actions, m.source().number(), m.target()),
            call);
      }
      checkSpawn(libc().posix_spawn_file_actions_addclosefrom_np(actions, closeFrom), call);
      Pointer emptyMask = memory(128);
      Pointer defaults = memory(128);
      for (int sig = 1; sig <= Signal.RTMAX; sig++) {
        if (sig != 32 && sig != 33) { // glibc's internal signals stay as glibc set them
          int bit = sig - 1;
          defaults.putByte(bit / 8, (byte) (defaults.getByte(bit / 8) | (1 << (bit % 8))));
        }
      }
      checkSpawn(libc().posix_spawnattr_setsigmask(attributes, emptyMask), call);
      checkSpawn(libc().posix_spawnattr_setsigdefault(attributes, defaults), call);
      checkSpawn(libc().posix_spawnattr_setflags(attributes,
          (short) (0x04 /* POSIX_SPAWN_SETSIGDEF */ | 0x08 /* POSIX_SPAWN_SETSIGMASK */)), call);
      List<Pointer> keep = new ArrayList<>();
      int[] pid = new int[1];
      checkSpawn(libc().posix_spawn(pid, path, actions, attributes, cstringArray(argv, keep),
          cstringArray(env, keep)), call);
      return pid[0];
    } finally {
      libc().posix_spawn_file_actions_destroy(actions);
      libc().posix_spawnattr_destroy(attributes);
    }
  }

  /** The posix_spawn family returns the error number instead of setting errno. */
  private static void checkSpawn(int rc, String call) throws SyscallException {
    if (rc != 0) {
      throw new SyscallException(call, rc);
    }
  }

  @Override
  public Fd[] socketpair(int type) throws SyscallException {
    int[] fds = new int[2];
    check(libc().socketpair(1, type | O_CLOEXEC, 0, fds), "socketpair(AF_UNIX, " + type + ")");
    return new Fd[] {fd(fds[0]), fd(fds[1])};
  }

  @Override
  public void sendmsg(Fd socket, byte[] data, List<Fd> fds) throws SyscallException {
    Pointer buf = memory(Math.max(1, data.length));
    buf.put(0, data, 0, data.length);
    Pointer iov = memory(16);
    iov.putAddress(0, buf.address());
    iov.putLong(8, data.length);
    Pointer msg = memory(56);
    msg.putAddress(16, iov.address());
    msg.putLong(24, 1);
    if (!fds.isEmpty()) {
      int payload = fds.size() * 4;
      int space = 16 + ((payload + 7) & ~7);
      Pointer control = memory(space);
      control.putLong(0, 16 + payload);
      control.putInt(8, 1); // SOL_SOCKET
      control.putInt(12, 1); // SCM_RIGHTS
      for (int i = 0; i < fds.size(); i++) {
        control.putInt(16 + i * 4L, fds.get(i).number());
      }
      msg.putAddress(32, control.address());
      msg.putLong(40, space);
    }
    long rc;
    do {
      rc = libc().sendmsg(socket.number(), msg, 0x4000 /* MSG_NOSIGNAL */);
    } while (rc < 0 && errno() == EINTR);
    check(rc, "sendmsg(" + socket + ", " + data.length + " bytes, " + fds.size() + " fds)");
  }

  @Override
  public Message recvmsg(Fd socket, int maxBytes) throws SyscallException {
    Pointer buf = memory(maxBytes);
    Pointer iov = memory(16);
    iov.putAddress(0, buf.address());
    iov.putLong(8, maxBytes);
    Pointer control = memory(256);
    Pointer msg = memory(56);
    msg.putAddress(16, iov.address());
    msg.putLong(24, 1);
    msg.putAddress(32, control.address());
    msg.putLong(40, 256);
    long n;
    do {
      n = libc().recvmsg(socket.number(), msg, 0x40000000 /* MSG_CMSG_CLOEXEC */);
    } while (n < 0 && errno() == EINTR);
    check(n, "recvmsg(" + socket + ")");
    List<Fd> fds = new ArrayList<>();
    long controlLength = msg.getLong(40);
    long off = 0;
    while (off + 16 <= controlLength) {
      long len = control.getLong(off);
      if (len < 16) {
        break;
      }
      if (control.getInt(off + 8) == 1 && control.getInt(off + 12) == 1) {
        for (long i = 16; i + 4 <= len; i += 4) {
          fds.add(fd(control.getInt(off + i)));
        }
      }
      off += (len + 7) & ~7L;
    }
    byte[] data = new byte[(int) n];
    buf.get(0, data, 0, data.length);
    return new Message(data, fds);
  }

  @Override
  public Fd connectUnix(String path) throws SyscallException {
    byte[] p = path.getBytes(UTF_8);
    if (p.length > 107) {
      throw new SyscallException("connect(" + q(path) + ")", Errno.ENAMETOOLONG.number());
    }
    Fd sock = fd(check(libc().socket(1, 1 | O_CLOEXEC, 0), "socket(AF_UNIX, SOCK_STREAM)"));
    Pointer addr = memory(110);
    addr.putShort(0, (short) 1);
    addr.put(2, p, 0, p.length);
    if (libc().connect(sock.number(), addr, 110) < 0) {
      int e = errno();
      sock.close();
      throw new SyscallException("connect(" + q(path) + ")", e);
    }
    return sock;
  }

  @Override
  public byte[] read(Fd fd, int max) throws SyscallException {
    Pointer buf = memory(max);
    long n;
    do {
      n = libc().read(fd.number(), buf, max);
    } while (n < 0 && errno() == EINTR);
    check(n, "read(" + fd + ", " + max + ")");
    byte[] out = new byte[(int) n];
    buf.get(0, out, 0, out.length);
    return out;
  }

  @Override
  public void write(Fd fd, byte[] data) throws SyscallException {
    Pointer buf = memory(Math.max(1, data.length));
    buf.put(0, data, 0, data.length);
    long off = 0;
    while (off < data.length) {
      long n = libc().write(fd.number(), buf.slice(off), data.length - off);
      if (n < 0) {
        int e = errno();
        if (e == EINTR) {
          continue;
        }
        throw new SyscallException("write(" + fd + ", " + data.length + " bytes)", e);
      }
      off += n;
    }
  }

  @Override
  public WaitStatus waitpid(int pid, int options) throws SyscallException {
    int[] status = new int[1];
    int rc;
    do {
      rc = libc().waitpid(pid, status, options);
    } while (rc < 0 && errno() == EINTR);
    check(rc, "waitpid(" + pid + ", " + options + ")");
    return new WaitStatus(rc, status[0]);
  }

  @Override
  public void kill(int pid, Signal signal) throws SyscallException {
    check(libc().kill(pid, signal.number()), "kill(" + pid + ", " + signal + ")");
  }

  @Override
  public Fd pidfdOpen(int pid) throws SyscallException {
    return fd((int) check(sys(SyscallNumbers.PIDFD_OPEN, pid, 0), "pidfd_open(" + pid + ", 0)"));
  }

  @Override
  public void pidfdSendSignal(Fd pidfd, Signal signal) throws SyscallException {
    check(sys(SyscallNumbers.PIDFD_SEND_SIGNAL, pidfd.number(), signal.number(), 0, 0),
        "pidfd_send_signal(" + pidfd + ", " + signal + ")");
  }

  @Override
  public short[] poll(List<Fd> fds, short events, int timeoutMillis) throws SyscallException {
    Pointer p = memory(Math.max(8, fds.size() * 8));
    for (int i = 0; i < fds.size(); i++) {
      p.putInt(i * 8L, fds.get(i).number());
      p.putShort(i * 8L + 4, events);
    }
    int rc;
    do {
      rc = libc().poll(p, fds.size(), timeoutMillis);
    } while (rc < 0 && errno() == EINTR);
    check(rc, "poll(" + fds + ")");
    short[] revents = new short[fds.size()];
    for (int i = 0; i < fds.size(); i++) {
      revents[i] = p.getShort(i * 8L + 6);
    }
    return revents;
  }

  @Override
  public Fd memfdCreate(String name) throws SyscallException {
    Pointer n = cstring(name);
    return fd((int) check(sys(nr.memfdCreate(), n.address(), 0x1 | 0x2),
        "memfd_create(" + q(name) + ", MFD_CLOEXEC|MFD_ALLOW_SEALING)"));
  }

  @Override
  public void addSeals(Fd fd, int seals) throws SyscallException {
    check(sys(nr.fcntl(), fd.number(), 1033 /* F_ADD_SEALS */, seals),
        "fcntl(" + fd + ", F_ADD_SEALS, 0x" + Integer.toHexString(seals) + ")");
  }

  @Override
  public void mkfifoat(Fd dir, String path, int mode) throws SyscallException {
    check(libc().mkfifoat(dir.number(), path, mode),
        "mkfifoat(" + dir + ", " + q(path) + ", 0" + Integer.toOctalString(mode) + ")");
  }

  @Override
  public void linkat(Fd oldDir, String oldPath, Fd newDir, String newPath)
      throws SyscallException {
    check(libc().linkat(oldDir.number(), oldPath, newDir.number(), newPath, 0),
        "linkat(" + oldDir + ", " + q(oldPath) + ", " + newDir + ", " + q(newPath) + ")");
  }

  @Override
  public void utimensat(Fd dir, String path, long atimeNanos, long mtimeNanos, int flags)
      throws SyscallException {
    Pointer times = memory(32);
    times.putLong(0, Math.floorDiv(atimeNanos, 1_000_000_000L));
    times.putLong(8, Math.floorMod(atimeNanos, 1_000_000_000L));
    times.putLong(16, Math.floorDiv(mtimeNanos, 1_000_000_000L));
    times.putLong(24, Math.floorMod(mtimeNanos, 1_000_000_000L));
    check(libc().utimensat(dir.number(), path, times, flags),
        "utimensat(" + dir + ", " + q(path) + ")");
  }

  @Override
  public void lsetxattr(String path, String name, byte[] value) throws SyscallException {
    Pointer v = memory(Math.max(1, value.length));
    v.put(0, value, 0, value.length);
    check(libc().lsetxattr(path, name, v, value.length, 0),
        "lsetxattr(" + q(path) + ", " + q(name) + ", " + value.length + " bytes)");
  }

  @Override
  public byte[] lgetxattr(String path, String name) throws SyscallException {
    for (int attempt = 0; attempt < 3; attempt++) {
      long size = libc().lgetxattr(path, name, null, 0);
      if (size < 0) {
        int e = errno();
        if (e == Errno.ENODATA.number()) {
          return null;
        }
        throw new SyscallException("lgetxattr(" + q(path) + ", " + q(name) + ")", e);
      }
      Pointer v = memory((int) Math.max(1, size));
      long n = libc().lgetxattr(path, name, v, size);
      if (n >= 0) {
        byte[] out = new byte[(int) n];
        v.get(0, out, 0, out.length);
        return out;
      }
      int e = errno();
      if (e != Errno.ERANGE.number()) { // ERANGE: the value grew between the two calls
        throw new SyscallException("lgetxattr(" + q(path) + ", " + q(name) + ")", e);
      }
    }
    throw new SyscallException("lgetxattr(" + q(path) + ", " + q(name) + ")", Errno.ERANGE.number());
  }

  @Override
  public long statfsType(String path) throws SyscallException {
    Pointer buf = memory(256);
    check(libc().statfs(path, buf), "statfs(" + q(path) + ")");
    return buf.getLong(0);
  }

  @Override
  public Fd fsopen(String fsName) throws SyscallException {
    Pointer name = cstring(fsName);
    return fd((int) check(sys(SyscallNumbers.FSOPEN, name.address(), 1),
        "fsopen(" + q(fsName) + ", FSOPEN_CLOEXEC)"));
  }

  @Override
  public void fsconfigSetString(Fd fs, String key, String value) throws SyscallException {
    Pointer k = cstring(key);
    Pointer v = cstring(value);
    check(sys(SyscallNumbers.FSCONFIG, fs.number(), 1, k.address(), v.address(), 0),
        "fsconfig(" + fs + ", FSCONFIG_SET_STRING, " + q(key) + ", " + q(value) + ")");
  }

  @Override
  public void fsconfigSetFlag(Fd fs, String key) throws SyscallException {
    Pointer k = cstring(key);
    check(sys(SyscallNumbers.FSCONFIG, fs.number(), 0, k.address(), 0, 0),
        "fsconfig(" + fs + ", FSCONFIG_SET_FLAG, " + q(key) + ")");
  }

  @Override
  public void fsconfigCreate(Fd fs) throws SyscallException {
    check(sys(SyscallNumbers.FSCONFIG, fs.number(), 6, 0, 0, 0),
        "fsconfig(" + fs + ", FSCONFIG_CMD_CREATE)");
  }

  @Override
  public Fd fsmount(Fd fs, long attrs) throws SyscallException {
    return fd((int) check(sys(SyscallNumbers.FSMOUNT, fs.number(), 1, attrs),
        "fsmount(" + fs + ", FSMOUNT_CLOEXEC, 0x" + Long.toHexString(attrs) + ")"));
  }

  @Override
  public void moveMount(Fd from, String to) throws SyscallException {
    Pointer empty = cstring("");
    Pointer target = cstring(to);
    check(sys(SyscallNumbers.MOVE_MOUNT, from.number(), empty.address(), -100, target.address(),
        4 /* MOVE_MOUNT_F_EMPTY_PATH */), "move_mount(" + from + ", \"\", AT_FDCWD, " + q(to) + ")");
  }

  @Override
  public Fd bpfProgLoad(int progType, byte[] instructions, String license, int expectedAttachType)
      throws SyscallException {
    Pointer insns = memory(instructions.length);
    insns.put(0, instructions, 0, instructions.length);
    Pointer lic = cstring(license);
    Pointer attr = memory(128);
    attr.putInt(0, progType);
    attr.putInt(4, instructions.length / 8);
    attr.putAddress(8, insns.address());
    attr.putAddress(16, lic.address());
    attr.putInt(68, expectedAttachType);
    return fd((int) check(sys(nr.bpf(), 5 /* BPF_PROG_LOAD */, attr.address(), 128),
        "bpf(BPF_PROG_LOAD, type=" + progType + ", " + instructions.length / 8 + " insns)"));
  }

  @Override
  public void bpfProgAttach(Fd program, Fd target, int attachType, int flags)
      throws SyscallException {
    Pointer attr = memory(32);
    attr.putInt(0, target.number());
    attr.putInt(4, program.number());
    attr.putInt(8, attachType);
    attr.putInt(12, flags);
    check(sys(nr.bpf(), 8 /* BPF_PROG_ATTACH */, attr.address(), 32),
        "bpf(BPF_PROG_ATTACH, " + program + " to " + target + ", type=" + attachType + ", flags="
            + flags + ")");
  }

  @Override
  public void bpfProgDetach(Fd program, Fd target, int attachType) throws SyscallException {
    Pointer attr = memory(32);
    attr.putInt(0, target.number());
    attr.putInt(4, program.number());
    attr.putInt(8, attachType);
    check(sys(nr.bpf(), 9 /* BPF_PROG_DETACH */, attr.address(), 32),
        "bpf(BPF_PROG_DETACH, " + program + " from " + target + ", type=" + attachType + ")");
  }

  @Override
  public int[] bpfProgQuery(Fd target, int attachType) throws SyscallException {
    int capacity = 64;
    Pointer ids = memory(capacity * 4);
    Pointer attr = memory(40);
    attr.putInt(0, target.number());
    attr.putInt(4, attachType);
    attr.putAddress(16, ids.address());
    attr.putInt(24, capacity);
    check(sys(nr.bpf(), 16 /* BPF_PROG_QUERY */, attr.address(), 40),
        "bpf(BPF_PROG_QUERY, " + target + ", type=" + attachType + ")");
    int count = Math.min(capacity, attr.getInt(24));
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = ids.getInt(i * 4L);
    }
    return out;
  }

  @Override
  public Fd bpfProgGetFdById(int id) throws SyscallException {
    Pointer attr = memory(16);
    attr.putInt(0, id);
    return fd((int) check(sys(nr.bpf(), 13 /* BPF_PROG_GET_FD_BY_ID */, attr.address(), 16),
        "bpf(BPF_PROG_GET_FD_BY_ID, " + id + ")"));
  }

  @Override
  public byte[] tcgetattr(Fd tty) throws SyscallException {
    Pointer t = memory(64);
    check(libc().tcgetattr(tty.number(), t), "tcgetattr(" + tty + ")");
    byte[] out = new byte[60];
    t.get(0, out, 0, 60);
    return out;
  }

  @Override
  public void tcsetattr(Fd tty, byte[] termios) throws SyscallException {
    Pointer t = memory(64);
    t.put(0, termios, 0, termios.length);
    check(libc().tcsetattr(tty.number(), 0 /* TCSANOW */, t), "tcsetattr(" + tty + ")");
  }

  @Override
  public int[] getWindowSize(Fd tty) throws SyscallException {
    Pointer ws = memory(8);
    check(sys(nr.ioctl(), tty.number(), 0x5413 /* TIOCGWINSZ */, ws.address()),
        "ioctl(" + tty + ", TIOCGWINSZ)");
    return new int[] {ws.getShort(0) & 0xffff, ws.getShort(2) & 0xffff};
  }

  @Override
  public void setWindowSize(Fd tty, int rows, int columns) throws SyscallException {
    Pointer ws = memory(8);
    ws.putShort(0, (short) rows);
    ws.putShort(2, (short) columns);
    check(sys(nr.ioctl(), tty.number(), 0x5414 /* TIOCSWINSZ */, ws.address()),
        "ioctl(" + tty + ", TIOCSWINSZ, " + rows + "x" + columns + ")");
  }

  @Override
  public boolean isatty(Fd fd) {
    return libc().isatty(fd.number()) == 1;
  }

  @Override
  public int getpid() {
    return libc().getpid();
  }

  @Override
  public int geteuid() {
    return libc().geteuid();
  }

  @Override
  public int getegid() {
    return libc().getegid();
  }

  @Override
  public Fd borrow(int number) {
    return new Fd(number, null);
  }
}
