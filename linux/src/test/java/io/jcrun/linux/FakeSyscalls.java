package io.jcrun.linux;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.SyscallCall.*;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A working, in-memory {@link Syscalls} for unit tests: every call, failed ones included, is
 * recorded in one ordered list; {@link #failWhen} makes chosen calls fail with an errno; calls
 * that return data take it from queues and maps the test fills. fds are numbered from 100.
 */
public class FakeSyscalls implements Syscalls {
  private record Failure(Predicate<SyscallCall> when, Errno errno) {}

  private final List<SyscallCall> calls = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private int nextFd = 100;
  private int nextPid = 1000;

  /** Scripted results; tests add to them before the code under test runs. */
  public final Deque<WaitStatus> waitResults = new ArrayDeque<>();
  public final Deque<Message> received = new ArrayDeque<>();
  public final Deque<byte[]> reads = new ArrayDeque<>();
  public final Deque<short[]> pollResults = new ArrayDeque<>();
  public final Map<String, Long> filesystemTypes = new HashMap<>();
  public final Map<String, byte[]> xattrs = new HashMap<>();
  public final Map<Integer, int[]> attachedPrograms = new HashMap<>();
  public int[] windowSize = {24, 80};
  public byte[] termios = new byte[60];
  public boolean tty;
  public int pid = 4242;
  public int euid;
  public int egid;

  public List<SyscallCall> calls() {
    return List.copyOf(calls);
  }

  /** The recorded calls of one type, in order. */
  public <T extends SyscallCall> List<T> calls(Class<T> type) {
    return calls.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    calls.clear();
  }

  /** From now on, calls matching {@code when} fail with {@code errno} (first rule wins). */
  public FakeSyscalls failWhen(Predicate<SyscallCall> when, Errno errno) {
    failures.add(new Failure(when, errno));
    return this;
  }

  private void record(SyscallCall call) throws SyscallException {
    calls.add(call);
    for (Failure f : failures) {
      if (f.when.test(call)) {
        throw new SyscallException(call.toString(), f.errno.number());
      }
    }
  }

  private void recordQuietly(SyscallCall call) {
    calls.add(call);
  }

  private Fd newFd() {
    return new Fd(nextFd++, this);
  }

  private static List<Byte> bytes(byte[] b) {
    List<Byte> out = new ArrayList<>(b.length);
    for (byte x : b) {
      out.add(x);
    }
    return out;
  }

  @Override
  public Fd openat(Fd dir, String path, int flags, int mode) throws SyscallException {
    record(new Openat(dir.number(), path, flags, mode));
    return newFd();
  }

  @Override
  public Fd openInRoot(Fd root, ContainerPath path, int flags, InRootCreate create)
      throws SyscallException {
    record(new OpenInRoot(root.number(), path.value(), flags, create));
    return newFd();
  }

  @Override
  public void close(Fd fd) {
    recordQuietly(new Close(fd.number()));
  }

  @Override
  public void mount(String source, String target, String fstype, MountFlags flags, String data)
      throws SyscallException {
    record(new Mount(source, target, fstype, flags, data));
  }

  @Override
  public void mountOnFd(String source, Fd target, String fstype, MountFlags flags, String data)
      throws SyscallException {
    record(new MountOnFd(source, target.number(), fstype, flags, data));
  }

  @Override
  public void mountSetattr(Fd target, boolean recursive, long attrSet, long attrClr,
      long propagation) throws SyscallException {
    record(new MountSetattr(target.number(), recursive, attrSet, attrClr, propagation));
  }

  @Override
  public void umount2(String target, int flags) throws SyscallException {
    record(new Umount2(target, flags));
  }

  @Override
  public void pivotRoot(Fd newRoot) throws SyscallException {
    record(new PivotRoot(newRoot.number()));
  }

  @Override
  public void moveRoot(Fd newRoot) throws SyscallException {
    record(new MoveRoot(newRoot.number()));
  }

  @Override
  public void maskPath(Fd root, ContainerPath path) throws SyscallException {
    record(new MaskPath(root.number(), path.value()));
  }

  @Override
  public void readonlyPath(Fd root, ContainerPath path) throws SyscallException {
    record(new ReadonlyPath(root.number(), path.value()));
  }

  @Override
  public void mknodat(Fd dir, String path, int mode, int major, int minor)
      throws SyscallException {
    record(new Mknodat(dir.number(), path, mode, major, minor));
  }

  @Override
  public void mkdirat(Fd dir, String path, int mode) throws SyscallException {
    record(new Mkdirat(dir.number(), path, mode));
  }

  @Override
  public void symlinkat(String target, Fd dir, String linkPath) throws SyscallException {
    record(new Symlinkat(target, dir.number(), linkPath));
  }

  @Override
  public void fchownat(Fd dir, String path, int uid, int gid, int flags) throws SyscallException {
    record(new Fchownat(dir.number(), path, uid, gid, flags));
  }

  @Override
  public void fchmodat(Fd dir, String path, int mode) throws SyscallException {
    record(new Fchmodat(dir.number(), path, mode));
  }

  @Override
  public void writeFile(Fd dir, String path, byte[] data) throws SyscallException {
    record(new WriteFile(dir.number(), path, new String(data, UTF_8)));
  }

  @Override
  public void unshare(long flags) throws SyscallException {
    record(new Unshare(flags));
  }

  @Override
  public void setns(Fd fd, NamespaceType type) throws SyscallException {
    record(new Setns(fd.number(), type));
  }

  @Override
  public void sethostname(String name) throws SyscallException {
    record(new Sethostname(name));
  }

  @Override
  public void setdomainname(String name) throws SyscallException {
    record(new Setdomainname(name));
  }

  @Override
  public void setrlimit(int resource, long soft, long hard) throws SyscallException {
    record(new Setrlimit(resource, soft, hard));
  }

  @Override
  public void setresuid(int ruid, int euid, int suid) throws SyscallException {
    record(new Setresuid(ruid, euid, suid));
  }

  @Override
  public void setresgid(int rgid, int egid, int sgid) throws SyscallException {
    record(new Setresgid(rgid, egid, sgid));
  }

  @Override
  public void setgroups(int[] groups) throws SyscallException {
    record(new Setgroups(Arrays.stream(groups).boxed().toList()));
  }

  @Override
  public void umask(int mask) {
    recordQuietly(new Umask(mask));
  }

  @Override
  public void capset(long effective, long permitted, long inheritable) throws SyscallException {
    record(new Capset(effective, permitted, inheritable));
  }

  @Override
  public void capBoundingDrop(Capability cap) throws SyscallException {
    record(new CapBoundingDrop(cap));
  }

  @Override
  public void capAmbientRaise(Capability cap) throws SyscallException {
    record(new CapAmbientRaise(cap));
  }

  @Override
  public void prctl(int option, long arg) throws SyscallException {
    record(new SyscallCall.Prctl(option, arg));
  }

  @Override
  public void chdir(String path) throws SyscallException {
    record(new Chdir(path));
  }

  @Override
  public void fchdir(Fd dir) throws SyscallException {
    record(new Fchdir(dir.number()));
  }

  @Override
  public void setsid() throws SyscallException {
    record(new Setsid());
  }

  @Override
  public void closeOnExecFrom(int first) throws SyscallException {
    record(new CloseOnExecFrom(first));
  }

  @Override
  public void seccompLoad(byte[] program, int flags) throws SyscallException {
    record(new SeccompLoad(program.length, flags));
  }

  @Override
  public void execve(String file, List<String> argv, List<String> env, String searchPath)
      throws SyscallException {
    record(new Execve(file, List.copyOf(argv), List.copyOf(env), searchPath));
  }

  @Override
  public int spawn(String path, List<String> argv, List<String> env, List<FdMapping> fds,
      int closeFrom) throws SyscallException {
    record(new Spawn(path, List.copyOf(argv), List.copyOf(env),
        fds.stream().map(m -> m.source().number() + "->" + m.target()).toList(), closeFrom));
    return nextPid++;
  }

  @Override
  public Fd[] socketpair(int type) throws SyscallException {
    record(new Socketpair(type));
    return new Fd[] {newFd(), newFd()};
  }

  @Override
  public void sendmsg(Fd socket, byte[] data, List<Fd> fds) throws SyscallException {
    record(new Sendmsg(socket.number(), new String(data, UTF_8),
        fds.stream().map(Fd::number).toList()));
  }

  @Override
  public Message recvmsg(Fd socket, int maxBytes) throws SyscallException {
    record(new Recvmsg(socket.number(), maxBytes));
    Message m = received.poll();
    return m == null ? new Message(new byte[0], List.of()) : m;
  }

  @Override
  public Fd connectUnix(String path) throws SyscallException {
    record(new ConnectUnix(path));
    return newFd();
  }

  @Override
  public byte[] read(Fd fd, int max) throws SyscallException {
    record(new Read(fd.number(), max));
    byte[] b = reads.poll();
    return b == null ? new byte[0] : b;
  }

  @Override
  public void write(Fd fd, byte[] data) throws SyscallException {
    record(new Write(fd.number(), new String(data, UTF_8)));
  }

  @Override
  public WaitStatus waitpid(int pid, int options) throws SyscallException {
    record(new Waitpid(pid, options));
    WaitStatus s = waitResults.poll();
    return s == null ? new WaitStatus(pid, 0) : s;
  }

  @Override
  public void kill(int pid, Signal signal) throws SyscallException {
    record(new Kill(pid, signal));
  }

  @Override
  public Fd pidfdOpen(int pid) throws SyscallException {
    record(new PidfdOpen(pid));
    return newFd();
  }

  @Override
  public void pidfdSendSignal(Fd pidfd, Signal signal) throws SyscallException {
    record(new PidfdSendSignal(pidfd.number(), signal));
  }

  @Override
  public short[] poll(List<Fd> fds, short events, int timeoutMillis) throws SyscallException {
    record(new Poll(fds.stream().map(Fd::number).toList(), events, timeoutMillis));
    short[] r = pollResults.poll();
    return r == null ? new short[fds.size()] : r;
  }

  @Override
  public Fd memfdCreate(String name) throws SyscallException {
    record(new MemfdCreate(name));
    return newFd();
  }

  @Override
  public void addSeals(Fd fd, int seals) throws SyscallException {
    record(new AddSeals(fd.number(), seals));
  }

  @Override
  public void mkfifoat(Fd dir, String path, int mode) throws SyscallException {
    record(new Mkfifoat(dir.number(), path, mode));
  }

  @Override
  public void linkat(Fd oldDir, String oldPath, Fd newDir, String newPath)
      throws SyscallException {
    record(new Linkat(oldDir.number(), oldPath, newDir.number(), newPath));
  }

  @Override
  public void utimensat(Fd dir, String path, long atimeNanos, long mtimeNanos, int flags)
      throws SyscallException {
    record(new Utimensat(dir.number(), path, atimeNanos, mtimeNanos, flags));
  }

  @Override
  public void lsetxattr(String path, String name, byte[] value) throws SyscallException {
    record(new Lsetxattr(path, name, bytes(value)));
    xattrs.put(path + "\0" + name, value.clone());
  }

  @Override
  public byte[] lgetxattr(String path, String name) throws SyscallException {
    record(new Lgetxattr(path, name));
    byte[] v = xattrs.get(path + "\0" + name);
    return v == null ? null : v.clone();
  }

  @Override
  public long statfsType(String path) throws SyscallException {
    record(new StatfsType(path));
    return filesystemTypes.getOrDefault(path, 0L);
  }

  @Override
  public Fd fsopen(String fsName) throws SyscallException {
    record(new Fsopen(fsName));
    return newFd();
  }

  @Override
  public void fsconfigSetString(Fd fs, String key, String value) throws SyscallException {
    record(new FsconfigSetString(fs.number(), key, value));
  }

  @Override
  public void fsconfigSetFlag(Fd fs, String key) throws SyscallException {
    record(new FsconfigSetFlag(fs.number(), key));
  }

  @Override
  public void fsconfigCreate(Fd fs) throws SyscallException {
    record(new FsconfigCreate(fs.number()));
  }

  @Override
  public Fd fsmount(Fd fs, long attrs) throws SyscallException {
    record(new Fsmount(fs.number(), attrs));
    return newFd();
  }

  @Override
  public void moveMount(Fd from, String to) throws SyscallException {
    record(new MoveMount(from.number(), to));
  }

  @Override
  public Fd bpfProgLoad(int progType, byte[] instructions, String license, int expectedAttachType)
      throws SyscallException {
    record(new BpfProgLoad(progType, instructions.length / 8, license, expectedAttachType));
    return newFd();
  }

  @Override
  public void bpfProgAttach(Fd program, Fd target, int attachType, int flags)
      throws SyscallException {
    record(new BpfProgAttach(program.number(), target.number(), attachType, flags));
  }

  @Override
  public void bpfProgDetach(Fd program, Fd target, int attachType) throws SyscallException {
    record(new BpfProgDetach(program.number(), target.number(), attachType));
  }

  @Override
  public int[] bpfProgQuery(Fd target, int attachType) throws SyscallException {
    record(new BpfProgQuery(target.number(), attachType));
    return attachedPrograms.getOrDefault(target.number(), new int[0]).clone();
  }

  @Override
  public Fd bpfProgGetFdById(int id) throws SyscallException {
    record(new BpfProgGetFdById(id));
    return newFd();
  }

  @Override
  public byte[] tcgetattr(Fd tty) throws SyscallException {
    record(new Tcgetattr(tty.number()));
    return termios.clone();
  }

  @Override
  public void tcsetattr(Fd tty, byte[] termios) throws SyscallException {
    record(new Tcsetattr(tty.number()));
    this.termios = termios.clone();
  }

  @Override
  public int[] getWindowSize(Fd tty) throws SyscallException {
    record(new GetWindowSize(tty.number()));
    return windowSize.clone();
  }

  @Override
  public void setWindowSize(Fd tty, int rows, int columns) throws SyscallException {
    record(new SetWindowSize(tty.number(), rows, columns));
  }

  @Override
  public boolean isatty(Fd fd) {
    return tty;
  }

  @Override
  public int getpid() {
    return pid;
  }

  @Override
  public int geteuid() {
    return euid;
  }

  @Override
  public int getegid() {
    return egid;
  }

  @Override
  public Fd borrow(int number) {
    return new Fd(number, null);
  }
}
