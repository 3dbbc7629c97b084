package io.jcrun.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.Fd;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import java.util.List;

/**
 * {@code --pidfd-socket}: a pidfd of the new process, sent in runc's wire format (a name and
 * one SCM_RIGHTS fd) before the verb returns, so a caller can watch the process without pid
 * reuse races.
 */
final class PidfdSocket {
  private PidfdSocket() {}

  static void send(Syscalls sys, String socketPath, int pid, String name) throws JcrunException {
    try (Fd pidfd = sys.pidfdOpen(pid); Fd socket = sys.connectUnix(socketPath)) {
      sys.sendmsg(socket, name.getBytes(UTF_8), List.of(pidfd));
    } catch (SyscallException e) {
      throw new JcrunException("send a pidfd of " + pid + " to " + socketPath + ": "
          + e.getMessage(), e);
    }
  }
}
