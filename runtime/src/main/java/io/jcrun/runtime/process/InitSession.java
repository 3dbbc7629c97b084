package io.jcrun.runtime.process;

import io.jcrun.linux.Fd;
import io.jcrun.linux.Message;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.linux.WaitStatus;
import io.jcrun.namespaces.InitMessage;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.JcrunException;
import java.util.List;

/**
 * jcrun's side of one running init program: the executor's pid, the sync socket, and methods
 * named for what they wait for. See {@code sync.h} for the protocol diagram.
 */
public final class InitSession implements AutoCloseable {
  private final Syscalls sys;
  private final InitProgram program;
  private final int executorPid;
  private final Fd sync;
  private WaitStatus executorStatus;
  private Fd console;

  /** What to do with an fd the init sends on the way (other than the console). */
  @FunctionalInterface
  public interface FdHandler {
    void handle(String name, Fd fd) throws JcrunException;
  }

  /** What to do at a sync point the init reports on the way. */
  @FunctionalInterface
  public interface SyncHandler {
    void handle(int code) throws JcrunException;
  }

  InitSession(Syscalls sys, InitProgram program, int executorPid, Fd sync) {
    this.sys = sys;
    this.program = program;
    this.executorPid = executorPid;
    this.sync = sync;
  }

  /** Waits for the clone's CHILD_PID report and reaps the executor, which exits right after. */
  public int awaitChildPid() throws JcrunException {
    InitMessage m = next("the container init to be cloned");
    if (m.type() != InitMessage.Type.CHILD_PID) {
      throw unexpected(m, "CHILD_PID");
    }
    reapExecutor();
    return m.value();
  }

  /** Tells the init to go on past its SYNC_WAIT for {@code code}. */
  public void send(int code) throws JcrunException {
    try {
      sys.sendmsg(sync, InitMessage.sync(code), List.of());
    } catch (SyscallException e) {
      throw new JcrunException("tell the container init to continue: " + e.getMessage(), e);
    }
  }

  /**
   * Waits for SYNC {@code code}. On the way, a console master is kept, other fds go to {@code
   * fds}, and other sync points to {@code syncs}.
   */
  public void await(int code, String what, FdHandler fds, SyncHandler syncs)
      throws JcrunException {
    for (;;) {
      InitMessage m = next(what);
      if (m.type() == InitMessage.Type.FD && !m.fds().isEmpty()) {
        if (m.text().startsWith("/dev/pts/")) {
          console = m.fds().getFirst();
        } else {
          fds.handle(m.text(), m.fds().getFirst());
        }
      } else if (m.type() == InitMessage.Type.SYNC && m.value() == code) {
        return;
      } else if (m.type() == InitMessage.Type.SYNC) {
        syncs.handle(m.value());
      } else {
        throw unexpected(m, "SYNC " + code);
      }
    }
  }

  /** The pty master the init sent, or null. */
  public Fd console() {
    return console;
  }

  /**
   * After start: waits until the init has exec'd (the sync socket closes with it) and reports
   * a failed exec. Returns normally on success.
   */
  public void awaitExec() throws JcrunException {
    InitMessage m = nextOrEnd("the container process to start");
    if (m != null) {
      throw unexpected(m, "EOF");
    }
  }

  /**
   * Waits for a program that does not exec (one that runs hooks) to run to its end: EOF on
   * the sync socket after its EXIT, or the error it reported.
   */
  public void awaitExit(String what) throws JcrunException {
    InitMessage m = nextOrEnd(what);
    if (m != null) {
      throw unexpected(m, "EOF");
    }
    WaitStatus s = reapExecutor();
    if (s == null || s.shellStatus() != 0) {
      throw new JcrunException("jcrun-init ended abnormally while " + what + describe(s));
    }
  }

  private InitMessage next(String what) throws JcrunException {
    InitMessage m = nextOrEnd(what);
    if (m == null) {
      throw new JcrunException("jcrun-init exited while waiting for " + what
          + describe(reapExecutorQuietly()));
    }
    return m;
  }

  /** The next message, null at EOF; an ERROR becomes the exception it describes. */
  private InitMessage nextOrEnd(String what) throws JcrunException {
    Message msg;
    try {
      msg = sys.recvmsg(sync, InitMessage.MAX_SIZE);
    } catch (SyscallException e) {
      throw new JcrunException("wait for " + what + ": " + e.getMessage(), e);
    }
    if (msg.isEndOfStream()) {
      return null;
    }
    InitMessage m = InitMessage.decode(msg.data(), msg.fds());
    if (m.type() == InitMessage.Type.ERROR) {
      reapExecutorQuietly();
      throw new InitFailedException(program, m.op(), m.value(), m.text());
    }
    return m;
  }

  private static String describe(WaitStatus s) {
    if (s == null) {
      return "";
    }
    return s.exited() ? " (exit status " + s.exitStatus() + ")"
        : " (killed by signal " + s.termSignal() + ")";
  }

  private WaitStatus reapExecutor() throws JcrunException {
    if (executorStatus == null) {
      try {
        executorStatus = sys.waitpid(executorPid, 0);
      } catch (SyscallException e) {
        throw new JcrunException("reap jcrun-init: " + e.getMessage(), e);
      }
    }
    return executorStatus;
  }

  /** Reaps an executor that failed on its own; a failure to reap only loses the status. */
  private WaitStatus reapExecutorQuietly() {
    try {
      return reapExecutor();
    } catch (JcrunException e) {
      return null;
    }
  }

  private static JcrunException unexpected(InitMessage m, String expected) {
    return new JcrunException("unexpected message from jcrun-init: " + m.type() + " " + m.value()
        + ", expected " + expected);
  }

  @Override
  public void close() {
    sync.close();
    reapExecutorQuietly();
  }
}
