package io.jcrun.linux;

import java.io.IOException;

/**
 * A failed system call: the call, its arguments as the kernel received them, and the errno.
 * The message reads {@code mount("proc", "/proc", "proc", MS_NOSUID, null): EPERM (Operation not permitted)}.
 */
public final class SyscallException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int errno;

  public SyscallException(String call, int errno) {
    super(call + ": " + Errno.describe(errno));
    this.call = call;
    this.errno = errno;
  }

  /** The call with its arguments, as rendered in the message. */
  public String call() {
    return call;
  }

  public int errno() {
    return errno;
  }

  public boolean is(Errno e) {
    return errno == e.number();
  }
}
