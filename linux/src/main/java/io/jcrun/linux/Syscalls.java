package io.jcrun.linux;

import java.util.List;

/**
 * The whole facade: what a container's setup needs ({@link ContainerSyscalls}) plus the calls
 * only the host side makes (spawning the executor, sockets, waiting, signals, cgroup BPF, the
 * new mount API, terminals). Implementations: {@link LinuxSyscalls} and {@code FakeSyscalls}.
 */
public interface Syscalls extends ContainerSyscalls {

  /**
   * {@code posix_spawn} of {@code path} with {@code argv} and {@code env}: in the child each
   * mapping's source is {@code dup2}ed to its target, every other fd from {@code closeFrom} up is
   * closed, signal dispositions are reset to default and the signal mask is emptied.
   *
   * @return the child's pid
   */
  int spawn(String path, List<String> argv, List<String> env, List<FdMapping> fds, int closeFrom)
      throws SyscallException;

  /** {@code socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0)}; type is {@code SOCK_STREAM} or {@code SOCK_SEQPACKET}. */
  Fd[] socketpair(int type) throws SyscallException;

  /** {@code sendmsg} of {@code data} with {@code fds} as one {@code SCM_RIGHTS} message. */
  void sendmsg(Fd socket, byte[] data, List<Fd> fds) throws SyscallException;

  /**
   * {@code recvmsg} of up to {@code maxBytes} and any {@code SCM_RIGHTS} fds (received
   * close-on-exec). An empty message with no fds means the peer closed.
   */
  Message recvmsg(Fd socket, int maxBytes) throws SyscallException;

  /** {@code connect} of a new {@code AF_UNIX SOCK_STREAM} socket to {@code path}. */
  Fd connectUnix(String path) throws SyscallException;

  /** {@code read(fd, buf, max)}; an empty array is end of file. */
  byte[] read(Fd fd, int max) throws SyscallException;

  /** {@code write(fd, data)} until everything is written. */
  void write(Fd fd, byte[] data) throws SyscallException;

  /** {@code waitpid(pid, &status, options)}; {@code pid} 0 in the result means WNOHANG found none. */
  WaitStatus waitpid(int pid, int options) throws SyscallException;

  void kill(int pid, Signal signal) throws SyscallException;

  /** {@code pidfd_open(pid, 0)}. */
  Fd pidfdOpen(int pid) throws SyscallException;

  /** {@code pidfd_send_signal(pidfd, signal, NULL, 0)}. */
  void pidfdSendSignal(Fd pidfd, Signal signal) throws SyscallException;

  /**
   * {@code poll} on {@code fds}, each for {@code events}; returns each fd's revents, all zero
   * on timeout. A negative timeout waits forever.
   */
  short[] poll(List<Fd> fds, short events, int timeoutMillis) throws SyscallException;

  /** {@code memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING)}. */
  Fd memfdCreate(String name) throws SyscallException;

  /** {@code fcntl(fd, F_ADD_SEALS, seals)}; seals are {@code F_SEAL_*} bits. */
  void addSeals(Fd fd, int seals) throws SyscallException;

  /** {@code mkfifoat(dir, path, mode)}. */
  void mkfifoat(Fd dir, String path, int mode) throws SyscallException;

  /** {@code linkat(oldDir, oldPath, newDir, newPath, 0)}: a hard link that follows nothing. */
  void linkat(Fd oldDir, String oldPath, Fd newDir, String newPath) throws SyscallException;

  /** {@code utimensat(dir, path, {atime, mtime}, flags)}, times in nanoseconds since the epoch. */
  void utimensat(Fd dir, String path, long atimeNanos, long mtimeNanos, int flags)
      throws SyscallException;

  /** {@code lsetxattr(path, name, value, size, 0)}. */
  void lsetxattr(String path, String name, byte[] value) throws SyscallException;

  /** {@code lgetxattr}; {@code null} when the attribute is absent ({@code ENODATA}). */
  byte[] lgetxattr(String path, String name) throws SyscallException;

  /** {@code statfs(path).f_type}: the filesystem magic, e.g. {@code 0x63677270} for cgroup2. */
  long statfsType(String path) throws SyscallException;

  /** {@code fsopen(fsName, FSOPEN_CLOEXEC)}. */
  Fd fsopen(String fsName) throws SyscallException;

  /** {@code fsconfig(fs, FSCONFIG_SET_STRING, key, value, 0)}. */
  void fsconfigSetString(Fd fs, String key, String value) throws SyscallException;

  /** {@code fsconfig(fs, FSCONFIG_SET_FLAG, key, NULL, 0)}. */
  void fsconfigSetFlag(Fd fs, String key) throws SyscallException;

  /** {@code fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0)}. */
  void fsconfigCreate(Fd fs) throws SyscallException;

  /** {@code fsmount(fs, FSMOUNT_CLOEXEC, attrs)}. */
  Fd fsmount(Fd fs, long attrs) throws SyscallException;

  /** {@code move_mount(from, "", AT_FDCWD, to, MOVE_MOUNT_F_EMPTY_PATH)}. */
  void moveMount(Fd from, String to) throws SyscallException;

  /** {@code bpf(BPF_PROG_LOAD)} of {@code instructions} (8-byte {@code bpf_insn}s). */
  Fd bpfProgLoad(int progType, byte[] instructions, String license, int expectedAttachType)
      throws SyscallException;

  /** {@code bpf(BPF_PROG_ATTACH)} of {@code program} to {@code target}. */
  void bpfProgAttach(Fd program, Fd target, int attachType, int flags) throws SyscallException;

  /** {@code bpf(BPF_PROG_DETACH)} of {@code program} from {@code target}. */
  void bpfProgDetach(Fd program, Fd target, int attachType) throws SyscallException;

  /** {@code bpf(BPF_PROG_QUERY)}: the ids of the programs attached to {@code target}. */
  int[] bpfProgQuery(Fd target, int attachType) throws SyscallException;

  /** {@code bpf(BPF_PROG_GET_FD_BY_ID)}. */
  Fd bpfProgGetFdById(int id) throws SyscallException;

  /** {@code tcgetattr}: the raw {@code struct termios}. */
  byte[] tcgetattr(Fd tty) throws SyscallException;

  /** {@code tcsetattr(tty, TCSANOW, termios)}. */
  void tcsetattr(Fd tty, byte[] termios) throws SyscallException;

  /** {@code ioctl(TIOCGWINSZ)}: rows, columns. */
  int[] getWindowSize(Fd tty) throws SyscallException;

  /** {@code ioctl(TIOCSWINSZ)}. */
  void setWindowSize(Fd tty, int rows, int columns) throws SyscallException;

  boolean isatty(Fd fd);

  int getpid();

  int geteuid();

  int getegid();

  /** Wraps an fd number this process already holds (e.g. 0, 1, 2) without taking ownership. */
  Fd borrow(int number);
}
