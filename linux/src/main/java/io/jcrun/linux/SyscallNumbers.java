package io.jcrun.linux;

/**
 * Numbers of the system calls that libc does not wrap (or wraps variadically), for the
 * architecture the JVM runs on. Calls added since Linux 5.1 (numbers 424 and up) share one
 * number on every architecture.
 */
record SyscallNumbers(
    long ioctl, long prctl, long openat, long pivotRoot, long capset, long seccomp, long bpf,
    long statx, long fcntl, long readlinkat, long memfdCreate) {
  static final long PIDFD_SEND_SIGNAL = 424;
  static final long MOVE_MOUNT = 429;
  static final long FSOPEN = 430;
  static final long FSCONFIG = 431;
  static final long FSMOUNT = 432;
  static final long PIDFD_OPEN = 434;
  static final long CLOSE_RANGE = 436;
  static final long OPENAT2 = 437;
  static final long MOUNT_SETATTR = 442;

  static SyscallNumbers forCurrentArch() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> new SyscallNumbers(16, 157, 257, 155, 126, 317, 321, 332, 72, 267, 319);
      case "aarch64" -> new SyscallNumbers(29, 167, 56, 41, 91, 277, 280, 291, 25, 78, 279);
      default -> throw new UnsupportedOperationException(
          "jcrun supports x86_64 and aarch64, not " + arch);
    };
  }
}
