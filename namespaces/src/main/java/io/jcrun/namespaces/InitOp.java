package io.jcrun.namespaces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One operation of an {@link InitProgram}. Each record lists its arguments in wire order;
 * strings may be null (NULL for the kernel), ints are fd slots or kernel values. The codes
 * mirror {@code enum op_code} of {@code jcrun-init}'s {@code program.h}.
 */
public sealed interface InitOp {
  /** Slot number meaning {@code AT_FDCWD}. */
  int SLOT_CWD = -100;

  Code code();

  /** The arguments in wire order: Long, String (or null), byte[], or List of String. */
  List<Object> args();

  /** The text form {@code jcrun-init decode} prints, without the leading index. */
  default String describe() {
    StringBuilder sb = new StringBuilder(code().name());
    for (Object a : args()) {
      sb.append(' ');
      switch (a) {
        case null -> sb.append("NULL");
        case Long l -> sb.append(l);
        case String s -> sb.append(quote(s));
        case byte[] b -> sb.append('<').append(b.length).append(" bytes>");
        case List<?> list -> {
          sb.append('[');
          for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(quote((String) list.get(i)));
          }
          sb.append(']');
        }
        default -> throw new IllegalStateException("bad argument " + a);
      }
    }
    return sb.toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(String.format("\\x%02x", c));
      } else {
        sb.append((char) c);
      }
    }
    return sb.append('"').toString();
  }

  /** The op codes, numbered as in {@code program.h}. */
  enum Code {
    OPENAT(1), OPEN_IN_ROOT(2), CLOSE(3), MOUNT(4), MOUNT_ON_FD(5), MOUNT_SETATTR(6), UMOUNT2(7),
    PIVOT_ROOT(8), MOVE_ROOT(9), MASK_PATH(10), READONLY_PATH(11), MKNODAT(12), MKDIRAT(13),
    SYMLINKAT(14), FCHOWNAT(15), FCHMODAT(16), WRITE_FILE(17), UNSHARE(18), SETNS(19),
    SETHOSTNAME(20), SETDOMAINNAME(21), SETRLIMIT(22), SETRESUID(23), SETRESGID(24),
    SETGROUPS(25), UMASK(26), CAPSET(27), CAP_BOUNDING_DROP(28), CAP_AMBIENT_RAISE(29),
    PRCTL(30), CHDIR(31), FCHDIR(32), SETSID(33), CLOSE_ON_EXEC_FROM(34), SECCOMP_LOAD(35),
    EXECVE(36), INHERIT(40), CLONE(41), SYNC_SEND(42), SYNC_WAIT(43), WAIT_EXEC_FIFO(44),
    CONSOLE(45), SEND_FD(46), RUN_HOOK(47), DUP2(48), LOOKUP_EXEC(49), EXIT(50),
    JOIN_SESSION_KEYRING(51);

    private final int value;

    Code(int value) {
      this.value = value;
    }

    public int value() {
      return value;
    }
  }

  private static List<Object> list(Object... args) {
    return Arrays.asList(args);
  }

  record Openat(int slot, int dir, String path, int flags, int mode) implements InitOp {
    public Code code() { return Code.OPENAT; }
    public List<Object> args() { return list((long) slot, (long) dir, path, (long) flags, (long) mode); }
  }

  record OpenInRoot(int slot, int root, String path, int flags, int create) implements InitOp {
    public Code code() { return Code.OPEN_IN_ROOT; }
    public List<Object> args() { return list((long) slot, (long) root, path, (long) flags, (long) create); }
  }

  record Close(int slot) implements InitOp {
    public Code code() { return Code.CLOSE; }
    public List<Object> args() { return list((long) slot); }
  }

  record Mount(String source, String target, String fstype, long flags, String data) implements InitOp {
    public Code code() { return Code.MOUNT; }
    public List<Object> args() { return list(source, target, fstype, flags, data); }
  }

  record MountOnFd(String source, int target, String fstype, long flags, String data) implements InitOp {
    public Code code() { return Code.MOUNT_ON_FD; }
    public List<Object> args() { return list(source, (long) target, fstype, flags, data); }
  }

  record MountSetattr(int target, boolean recursive, long attrSet, long attrClr, long propagation)
      implements InitOp {
    public Code code() { return Code.MOUNT_SETATTR; }
    public List<Object> args() {
      return list((long) target, recursive ? 1L : 0L, attrSet, attrClr, propagation);
    }
  }

  record Umount2(String target, int flags) implements InitOp {
    public Code code() { return Code.UMOUNT2; }
    public List<Object> args() { return list(target, (long) flags); }
  }

  record PivotRoot(int newRoot) implements InitOp {
    public Code code() { return Code.PIVOT_ROOT; }
    public List<Object> args() { return list((long) newRoot); }
  }

  record MoveRoot(int newRoot) implements InitOp {
    public Code code() { return Code.MOVE_ROOT; }
    public List<Object> args() { return list((long) newRoot); }
  }

  record MaskPath(int root, String path) implements InitOp {
    public Code code() { return Code.MASK_PATH; }
    public List<Object> args() { return list((long) root, path); }
  }

  record ReadonlyPath(int root, String path) implements InitOp {
    public Code code() { return Code.READONLY_PATH; }
    public List<Object> args() { return list((long) root, path); }
  }

  record Mknodat(int dir, String path, int mode, int major, int minor) implements InitOp {
    public Code code() { return Code.MKNODAT; }
    public List<Object> args() { return list((long) dir, path, (long) mode, (long) major, (long) minor); }
  }

  record Mkdirat(int dir, String path, int mode) implements InitOp {
    public Code code() { return Code.MKDIRAT; }
    public List<Object> args() { return list((long) dir, path, (long) mode); }
  }

  record Symlinkat(String target, int dir, String linkPath) implements InitOp {
    public Code code() { return Code.SYMLINKAT; }
    public List<Object> args() { return list(target, (long) dir, linkPath); }
  }

  record Fchownat(int dir, String path, int uid, int gid, int flags) implements InitOp {
    public Code code() { return Code.FCHOWNAT; }
    public List<Object> args() { return list((long) dir, path, (long) uid, (long) gid, (long) flags); }
  }

  record Fchmodat(int dir, String path, int mode) implements InitOp {
    public Code code() { return Code.FCHMODAT; }
    public List<Object> args() { return list((long) dir, path, (long) mode); }
  }

  record WriteFile(int dir, String path, byte[] data) implements InitOp {
    public Code code() { return Code.WRITE_FILE; }
    public List<Object> args() { return list((long) dir, path, data); }
  }

  record Unshare(long flags) implements InitOp {
    public Code code() { return Code.UNSHARE; }
    public List<Object> args() { return list(flags); }
  }

  record Setns(int slot, long nstype) implements InitOp {
    public Code code() { return Code.SETNS; }
    public List<Object> args() { return list((long) slot, nstype); }
  }

  record Sethostname(String name) implements InitOp {
    public Code code() { return Code.SETHOSTNAME; }
    public List<Object> args() { return list(name); }
  }

  record Setdomainname(String name) implements InitOp {
    public Code code() { return Code.SETDOMAINNAME; }
    public List<Object> args() { return list(name); }
  }

  record Setrlimit(int resource, long soft, long hard) implements InitOp {
    public Code code() { return Code.SETRLIMIT; }
    public List<Object> args() { return list((long) resource, soft, hard); }
  }

  record Setresuid(int ruid, int euid, int suid) implements InitOp {
    public Code code() { return Code.SETRESUID; }
    public List<Object> args() { return list((long) ruid, (long) euid, (long) suid); }
  }

  record Setresgid(int rgid, int egid, int sgid) implements InitOp {
    public Code code() { return Code.SETRESGID; }
    public List<Object> args() { return list((long) rgid, (long) egid, (long) sgid); }
  }

  record Setgroups(List<Integer> groups) implements InitOp {
    public Setgroups {
      groups = List.copyOf(groups);
    }
    public Code code() { return Code.SETGROUPS; }
    public List<Object> args() {
      List<Object> out = new ArrayList<>();
      for (int g : groups) {
        out.add(Integer.toUnsignedLong(g));
      }
      return out;
    }
  }

  record Umask(int mask) implements InitOp {
    public Code code() { return Code.UMASK; }
    public List<Object> args() { return list((long) mask); }
  }

  record Capset(long effective, long permitted, long inheritable) implements InitOp {
    public Code code() { return Code.CAPSET; }
    public List<Object> args() { return list(effective, permitted, inheritable); }
  }

  record CapBoundingDrop(int cap) implements InitOp {
    public Code code() { return Code.CAP_BOUNDING_DROP; }
    public List<Object> args() { return list((long) cap); }
  }

  record CapAmbientRaise(int cap) implements InitOp {
    public Code code() { return Code.CAP_AMBIENT_RAISE; }
    public List<Object> args() { return list((long) cap); }
  }

  record Prctl(int option, long arg) implements InitOp {
    public Code code() { return Code.PRCTL; }
    public List<Object> args() { return list((long) option, arg); }
  }

  record Chdir(String path) implements InitOp {
    public Code code() { return Code.CHDIR; }
    public List<Object> args() { return list(path); }
  }

  record Fchdir(int dir) implements InitOp {
    public Code code() { return Code.FCHDIR; }
    public List<Object> args() { return list((long) dir); }
  }

  record Setsid() implements InitOp {
    public Code code() { return Code.SETSID; }
    public List<Object> args() { return List.of(); }
  }

  record CloseOnExecFrom(int first) implements InitOp {
    public Code code() { return Code.CLOSE_ON_EXEC_FROM; }
    public List<Object> args() { return list((long) first); }
  }

  /** seccomp(SECCOMP_SET_MODE_FILTER); with a listener slot, the notify fd it returns goes there. */
  record SeccompLoad(byte[] program, int flags, int listenerSlot) implements InitOp {
    public Code code() { return Code.SECCOMP_LOAD; }
    public List<Object> args() { return list(program, (long) flags, (long) listenerSlot); }
  }

  record Execve(String file, List<String> argv, List<String> env, String searchPath)
      implements InitOp {
    public Execve {
      argv = List.copyOf(argv);
      env = List.copyOf(env);
    }
    public Code code() { return Code.EXECVE; }
    public List<Object> args() { return list(file, argv, env, searchPath); }
  }

  record Inherit(int slot, int fd) implements InitOp {
    public Code code() { return Code.INHERIT; }
    public List<Object> args() { return list((long) slot, (long) fd); }
  }

  /** clone3 with {@code flags} (CLONE_PARENT and CLONE_NEW*), into the cgroup of a slot or -1. */
  record Clone(long flags, int cgroupSlot) implements InitOp {
    public Code code() { return Code.CLONE; }
    public List<Object> args() { return list(flags, (long) cgroupSlot); }
  }

  record SyncSend(int syncCode) implements InitOp {
    public Code code() { return Code.SYNC_SEND; }
    public List<Object> args() { return list((long) syncCode); }
  }

  record SyncWait(int syncCode) implements InitOp {
    public Code code() { return Code.SYNC_WAIT; }
    public List<Object> args() { return list((long) syncCode); }
  }

  record WaitExecFifo(int dir, String name) implements InitOp {
    public Code code() { return Code.WAIT_EXEC_FIFO; }
    public List<Object> args() { return list((long) dir, name); }
  }

  /** Creates a pty; {@code format} 0 sends the master in runc's wire format, 1 as an FD message. */
  record Console(int socket, int format, int uid, int gid, int rows, int columns) implements InitOp {
    public Code code() { return Code.CONSOLE; }
    public List<Object> args() {
      return list((long) socket, (long) format, (long) uid, (long) gid, (long) rows, (long) columns);
    }
  }

  /** Sends an fd: {@code format} 0 in runc's wire format (name + fd), 1 as an FD sync message. */
  record SendFd(int socket, int fd, String name, int format) implements InitOp {
    public Code code() { return Code.SEND_FD; }
    public List<Object> args() { return list((long) socket, (long) fd, name, (long) format); }
  }

  record RunHook(String path, List<String> argv, List<String> env, int timeoutSeconds, byte[] stdin)
      implements InitOp {
    public RunHook {
      argv = List.copyOf(argv);
      env = List.copyOf(env);
    }
    public Code code() { return Code.RUN_HOOK; }
    public List<Object> args() { return list(path, argv, env, (long) timeoutSeconds, stdin); }
  }

  record Dup2(int slot, int fd) implements InitOp {
    public Code code() { return Code.DUP2; }
    public List<Object> args() { return list((long) slot, (long) fd); }
  }

  /** Fails unless {@code file} is found as execvp would find it, without running it. */
  record LookupExec(String file, String searchPath) implements InitOp {
    public Code code() { return Code.LOOKUP_EXEC; }
    public List<Object> args() { return list(file, searchPath); }
  }

  /** Ends a program that does not exec (one that only runs hooks). */
  record Exit(int status) implements InitOp {
    public Code code() { return Code.EXIT; }
    public List<Object> args() { return list((long) status); }
  }

  /** keyctl(KEYCTL_JOIN_SESSION_KEYRING, name): a new session keyring for the container. */
  record JoinSessionKeyring(String name) implements InitOp {
    public Code code() { return Code.JOIN_SESSION_KEYRING; }
    public List<Object> args() { return list(name); }
  }
}
