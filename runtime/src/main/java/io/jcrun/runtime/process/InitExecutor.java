package io.jcrun.runtime.process;

import io.jcrun.linux.Fd;
import io.jcrun.linux.FdMapping;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.JcrunException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code jcrun-init} with an init program. The program travels on a socket the
 * executor reads to EOF; the sync socket is a SOCK_SEQPACKET pair. In the executor, fds 0-2 and
 * the {@code preserveFds} from 3 up are the caller's; the executor's own fds follow them, and
 * everything else is closed at spawn ({@code ProcessBuilder} cannot do this: it closes every
 * inherited fd).
 */
public final class InitExecutor {
  private static final int SOCK_STREAM = 1;
  private static final int SOCK_SEQPACKET = 5;
  private static final int F_SEAL_SEAL = 1;
  private static final int F_SEAL_SHRINK = 2;
  private static final int F_SEAL_GROW = 4;
  private static final int F_SEAL_WRITE = 8;

  private final Syscalls sys;
  private final Path binary;

  public InitExecutor(Syscalls sys, Path binary) {
    this.sys = sys;
    this.binary = binary;
  }

  /** The fd numbers the executor will see for {@code extra}, in order, given {@code preserveFds}. */
  public static int firstExtraFd(int preserveFds) {
    return 3 + preserveFds + 2;
  }

  /**
   * Spawns the executor running {@code program}; {@code extra} fds land at {@link
   * #firstExtraFd} and up, in order.
   */
  public InitSession start(InitProgram program, int preserveFds, List<Fd> extra)
      throws JcrunException {
    int programFd = 3 + preserveFds;
    int syncFd = programFd + 1;
    Fd[] programPair = null;
    Fd[] syncPair = null;
    try {
      programPair = sys.socketpair(SOCK_STREAM);
      syncPair = sys.socketpair(SOCK_SEQPACKET);
      List<FdMapping> fds = new ArrayList<>();
      fds.add(new FdMapping(programPair[1], programFd));
      fds.add(new FdMapping(syncPair[1], syncFd));
      int next = firstExtraFd(preserveFds);
      for (Fd e : extra) {
        fds.add(new FdMapping(e, next++));
      }
      int pid;
      try (Fd sealed = sealedCopy()) {
        // The parent's fd table: the child closes its own copies above `next` before exec.
        pid = sys.spawn("/proc/" + sys.getpid() + "/fd/" + sealed.number(),
            List.of("jcrun-init", "run", Integer.toString(programFd), Integer.toString(syncFd)),
            List.of(), fds, next);
      }
      programPair[1].close();
      syncPair[1].close();
      sys.write(programPair[0], program.encode());
      programPair[0].close();
      return new InitSession(sys, program, pid, syncPair[0]);
    } catch (SyscallException e) {
      closeAll(programPair);
      closeAll(syncPair);
      throw new JcrunException("start " + binary + ": " + e.getMessage(), e);
    }
  }

  /**
   * A sealed in-memory copy of the executor to run from (CVE-2019-5736): a container process
   * that reaches /proc/pid/exe of the executor finds a file nobody can write, never the host's
   * binary.
   */
  private Fd sealedCopy() throws JcrunException, SyscallException {
    byte[] code;
    try {
      code = java.nio.file.Files.readAllBytes(binary);
    } catch (java.io.IOException e) {
      throw new JcrunException("read " + binary + ": " + e.getMessage(), e);
    }
    Fd memfd = sys.memfdCreate("jcrun-init");
    try {
      sys.write(memfd, code);
      sys.addSeals(memfd, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
      return memfd;
    } catch (SyscallException e) {
      memfd.close();
      throw e;
    }
  }

  private static void closeAll(Fd[] fds) {
    if (fds != null) {
      for (Fd f : fds) {
        f.close();
      }
    }
  }
}
