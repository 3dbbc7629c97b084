package io.jcrun.namespaces;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.Capability;
import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.ContainerSyscalls;
import io.jcrun.linux.Fd;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.MountFlags;
import io.jcrun.linux.NamespaceType;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.Prctl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records {@link ContainerSyscalls} calls as an {@link InitProgram} instead of making them: the
 * container setup is written once against the facade, and this turns it into the ops {@code
 * jcrun-init} replays. The fds it returns are program slots. Methods beyond the facade add the
 * ops only the executor can perform (clone, sync points, the exec fifo, the console).
 *
 * <p>Calls never fail here; failures surface later as {op index, errno} and are explained with
 * the {@link InitProgram.Origin} recorded for each op.
 */
public final class InitProgramRecorder implements ContainerSyscalls {
  /** Slot 0 always holds the sync socket: jcrun-init puts it there from its argv. */
  public static final int SYNC_SLOT = 0;
  private static final int SLOTS = 64;

  private final List<InitOp> ops = new ArrayList<>();
  private final List<InitProgram.Origin> origins = new ArrayList<>();
  private final boolean[] used = new boolean[SLOTS];
  private String source = "";

  public InitProgramRecorder() {
    used[SYNC_SLOT] = true;
  }

  /** The config field the following ops come from, e.g. {@code mounts[3]}. */
  public InitProgramRecorder source(String source) {
    this.source = source;
    return this;
  }

  /** The sync socket as a slot, for ops that send on it. */
  public Fd syncSocket() {
    return new Fd(SYNC_SLOT, null);
  }

  public InitProgram build() {
    return new InitProgram(ops, origins);
  }

  private void add(InitOp op, String call) {
    ops.add(op);
    origins.add(new InitProgram.Origin(call, source));
  }

  private Fd allocate() {
    for (int i = 1; i < SLOTS; i++) {
      if (!used[i]) {
        used[i] = true;
        return new Fd(i, this);
      }
    }
    throw new IllegalStateException("init program uses more than " + SLOTS + " fd slots");
  }

  private static String q(String s) {
    return s == null ? "NULL" : "\"" + s + "\"";
  }

  // ---- the facade ---------------------------------------------------------------------------

  @Override
  public Fd openat(Fd dir, String path, int flags, int mode) {
    Fd fd = allocate();
    add(new InitOp.Openat(fd.number(), dir.number(), path, flags, mode),
        "openat(" + dir + ", " + q(path) + ", " + OpenFlags.render(flags) + ")");
    return fd;
  }

  @Override
  public Fd openInRoot(Fd root, ContainerPath path, int flags, InRootCreate create) {
    Fd fd = allocate();
    add(new InitOp.OpenInRoot(fd.number(), root.number(), path.value(), flags, create.ordinal()),
        "open " + q(path.value()) + " in the rootfs"
            + (create == InRootCreate.NONE ? "" : " (creating a " + create.name().toLowerCase()
                + " where missing)"));
    return fd;
  }

  @Override
  public void close(Fd fd) {
    if (fd.number() > SYNC_SLOT && fd.number() < SLOTS) {
      used[fd.number()] = false;
    }
    add(new InitOp.Close(fd.number()), "close(" + fd + ")");
  }

  @Override
  public void mount(String source, String target, String fstype, MountFlags flags, String data) {
    add(new InitOp.Mount(source, target, fstype, flags.bits(), data),
        "mount(" + q(source) + ", " + q(target) + ", " + q(fstype) + ", " + flags + ", " + q(data)
            + ")");
  }

  @Override
  public void mountOnFd(String source, Fd target, String fstype, MountFlags flags, String data) {
    add(new InitOp.MountOnFd(source, target.number(), fstype, flags.bits(), data),
        "mount(" + q(source) + ", " + target + ", " + q(fstype) + ", " + flags + ", " + q(data)
            + ")");
  }

  @Override
  public void mountSetattr(Fd target, boolean recursive, long attrSet, long attrClr,
      long propagation) {
    add(new InitOp.MountSetattr(target.number(), recursive, attrSet, attrClr, propagation),
        "mount_setattr(" + target + (recursive ? ", AT_RECURSIVE" : "") + ", set=0x"
            + Long.toHexString(attrSet) + ", clear=0x" + Long.toHexString(attrClr)
            + ", propagation=" + new MountFlags(propagation) + ")");
  }

  @Override
  public void umount2(String target, int flags) {
    add(new InitOp.Umount2(target, flags), "umount2(" + q(target) + ", " + flags + ")");
  }

  @Override
  public void pivotRoot(Fd newRoot) {
    add(new InitOp.PivotRoot(newRoot.number()), "pivot_root to the rootfs");
  }

  @Override
  public void moveRoot(Fd newRoot) {
    add(new InitOp.MoveRoot(newRoot.number()), "move the rootfs onto / (--no-pivot)");
  }

  @Override
  public void maskPath(Fd root, ContainerPath path) {
    add(new InitOp.MaskPath(root.number(), path.value()), "mask " + q(path.value()));
  }

  @Override
  public void readonlyPath(Fd root, ContainerPath path) {
    add(new InitOp.ReadonlyPath(root.number(), path.value()),
        "make " + q(path.value()) + " read-only");
  }

  @Override
  public void mknodat(Fd dir, String path, int mode, int major, int minor) {
    add(new InitOp.Mknodat(dir.number(), path, mode, major, minor),
        "mknodat(" + dir + ", " + q(path) + ", 0" + Integer.toOctalString(mode) + ", " + major
            + ":" + minor + ")");
  }

  @Override
  public void mkdirat(Fd dir, String path, int mode) {
    add(new InitOp.Mkdirat(dir.number(), path, mode),
        "mkdirat(" + dir + ", " + q(path) + ", 0" + Integer.toOctalString(mode) + ")");
  }

  @Override
  public void symlinkat(String target, Fd dir, String linkPath) {
    add(new InitOp.Symlinkat(target, dir.number(), linkPath),
        "symlinkat(" + q(target) + ", " + dir + ", " + q(linkPath) + ")");
  }

  @Override
  public void fchownat(Fd dir, String path, int uid, int gid, int flags) {
    add(new InitOp.Fchownat(dir.number(), path, uid, gid, flags),
        "fchownat(" + dir + ", " + q(path) + ", " + uid + ", " + gid + ")");
  }

  @Override
  public void fchmodat(Fd dir, String path, int mode) {
    add(new InitOp.Fchmodat(dir.number(), path, mode),
        "fchmodat(" + dir + ", " + q(path) + ", 0" + Integer.toOctalString(mode) + ")");
  }

  @Override
  public void writeFile(Fd dir, String path, byte[] data) {
    add(new InitOp.WriteFile(dir.number(), path, data.clone()),
        "write " + q(new String(data, UTF_8).strip()) + " to " + path);
  }

  @Override
  public void unshare(long flags) {
    add(new InitOp.Unshare(flags), "unshare(" + NamespaceType.renderCloneFlags(flags) + ")");
  }

  @Override
  public void setns(Fd fd, NamespaceType type) {
    add(new InitOp.Setns(fd.number(), type.cloneFlag()),
        "setns(" + fd + ", " + type.cloneFlagName() + ")");
  }

  @Override
  public void sethostname(String name) {
    add(new InitOp.Sethostname(name), "sethostname(" + q(name) + ")");
  }

  @Override
  public void setdomainname(String name) {
    add(new InitOp.Setdomainname(name), "setdomainname(" + q(name) + ")");
  }

  @Override
  public void setrlimit(int resource, long soft, long hard) {
    add(new InitOp.Setrlimit(resource, soft, hard),
        "setrlimit(" + resource + ", soft=" + Long.toUnsignedString(soft) + ", hard="
            + Long.toUnsignedString(hard) + ")");
  }

  @Override
  public void setresuid(int ruid, int euid, int suid) {
    add(new InitOp.Setresuid(ruid, euid, suid),
        "setresuid(" + ruid + ", " + euid + ", " + suid + ")");
  }

  @Override
  public void setresgid(int rgid, int egid, int sgid) {
    add(new InitOp.Setresgid(rgid, egid, sgid),
        "setresgid(" + rgid + ", " + egid + ", " + sgid + ")");
  }

  @Override
  public void setgroups(int[] groups) {
    if (groups.length > 16) {
      throw new IllegalArgumentException("more than 16 additional groups");
    }
    add(new InitOp.Setgroups(Arrays.stream(groups).boxed().toList()),
        "setgroups(" + Arrays.toString(groups) + ")");
  }

  @Override
  public void umask(int mask) {
    add(new InitOp.Umask(mask), "umask(0" + Integer.toOctalString(mask) + ")");
  }

  @Override
  public void capset(long effective, long permitted, long inheritable) {
    add(new InitOp.Capset(effective, permitted, inheritable),
        "capset(effective=" + caps(effective) + ", permitted=" + caps(permitted)
            + ", inheritable=" + caps(inheritable) + ")");
  }

  private static String caps(long mask) {
    return Arrays.stream(Capability.values()).filter(c -> (mask & (1L << c.number())) != 0)
        .map(Capability::name).collect(Collectors.joining("|", "[", "]"));
  }

  @Override
  public void capBoundingDrop(Capability cap) {
    add(new InitOp.CapBoundingDrop(cap.number()), "drop " + cap + " from the bounding set");
  }

  @Override
  public void capAmbientRaise(Capability cap) {
    add(new InitOp.CapAmbientRaise(cap.number()), "raise ambient " + cap);
  }

  @Override
  public void prctl(int option, long arg) {
    add(new InitOp.Prctl(option, arg), "prctl(" + Prctl.name(option) + ", " + arg + ")");
  }

  @Override
  public void chdir(String path) {
    add(new InitOp.Chdir(path), "chdir(" + q(path) + ")");
  }

  @Override
  public void fchdir(Fd dir) {
    add(new InitOp.Fchdir(dir.number()), "fchdir(" + dir + ")");
  }

  @Override
  public void setsid() {
    add(new InitOp.Setsid(), "setsid()");
  }

  @Override
  public void closeOnExecFrom(int first) {
    add(new InitOp.CloseOnExecFrom(first), "close_range(" + first + ", ~0U, CLOSE_RANGE_CLOEXEC)");
  }

  @Override
  public void seccompLoad(byte[] program, int flags) {
    add(new InitOp.SeccompLoad(program.clone(), flags, -1),
        "load the seccomp filter (" + program.length / 8 + " instructions, flags " + flags + ")");
  }

  /** Loads a filter with SECCOMP_FILTER_FLAG_NEW_LISTENER in {@code flags}; returns the notify fd. */
  public Fd seccompLoadWithListener(byte[] program, int flags) {
    Fd listener = allocate();
    add(new InitOp.SeccompLoad(program.clone(), flags, listener.number()),
        "load the seccomp filter (" + program.length / 8 + " instructions, flags " + flags
            + ", with a notify listener)");
    return listener;
  }

  @Override
  public void execve(String file, List<String> argv, List<String> env, String searchPath) {
    add(new InitOp.Execve(file, argv, env, searchPath), "exec " + q(file));
  }

  // ---- executor-only ops ----------------------------------------------------------------------

  /** Takes fd {@code number}, inherited from jcrun at spawn, into a slot. */
  public Fd inherit(int number) {
    Fd fd = allocate();
    add(new InitOp.Inherit(fd.number(), number), "take inherited fd " + number);
    return fd;
  }

  /**
   * clone3 with {@code flags}; the parent reports the child's pid and exits, the child runs the
   * rest of the program. {@code cgroup} is a cgroup2 directory slot for CLONE_INTO_CGROUP, or null.
   */
  public void cloneChild(long flags, Fd cgroup) {
    add(new InitOp.Clone(flags, cgroup == null ? -1 : cgroup.number()),
        "clone3(" + NamespaceType.renderCloneFlags(flags & ~0x8000L)
            + ((flags & 0x8000L) != 0 ? "|CLONE_PARENT" : "") + ")");
  }

  public void syncSend(int code) {
    add(new InitOp.SyncSend(code), "report sync point " + code + " to jcrun");
  }

  public void syncWait(int code) {
    add(new InitOp.SyncWait(code), "wait for jcrun (sync " + code + ")");
  }

  /** Blocks until {@code jcrun start} opens the fifo {@code name} in {@code dir}. */
  public void waitExecFifo(Fd dir, String name) {
    add(new InitOp.WaitExecFifo(dir.number(), name), "wait on " + name + " for start");
  }

  public void console(Fd socket, int format, int uid, int gid, int rows, int columns) {
    add(new InitOp.Console(socket.number(), format, uid, gid, rows, columns),
        "set up the console");
  }

  /** Sends {@code fd} with {@code name}: to jcrun as an FD message on the sync socket, else in runc's format. */
  public void sendFd(Fd socket, Fd fd, String name) {
    int format = socket.number() == SYNC_SLOT ? 1 : 0;
    add(new InitOp.SendFd(socket.number(), fd.number(), name, format),
        "send " + name + " over " + socket);
  }

  public void runHook(String path, List<String> argv, List<String> env, int timeoutSeconds,
      byte[] stdin) {
    add(new InitOp.RunHook(path, argv, env, timeoutSeconds, stdin.clone()), "run hook " + q(path));
  }

  public void dup2(Fd fd, int target) {
    add(new InitOp.Dup2(fd.number(), target), "dup2(" + fd + ", " + target + ")");
  }

  /** Checks now that {@code file} can be found for exec, so a missing program fails create. */
  public void lookupExec(String file, String searchPath) {
    add(new InitOp.LookupExec(file, searchPath), "find " + q(file) + " in $PATH");
  }

  /** Joins a new session keyring named {@code name}, so no keys are shared with the caller. */
  public void joinSessionKeyring(String name) {
    add(new InitOp.JoinSessionKeyring(name), "join a new session keyring " + q(name));
  }

  /** Ends the program with {@code status} (programs that only run hooks). */
  public void exit(int status) {
    add(new InitOp.Exit(status), "exit " + status);
  }
}
