package io.jcrun.runtime.process;

import io.jcrun.linux.Fd;
import io.jcrun.linux.Message;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.linux.WaitStatus;
import io.jcrun.namespaces.InitMessage;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.JcrunException;

/**
 * jcrun's side of one running init program: the executor's pid, the sync socket, and methods
 * named for what they wait for. See {@code sync.h} for the protocol diagram.
 */
public final class InitSession implements AutoCloseable {
  private final Syscalls sys;
  private final InitProgram program;
  private final int executorPid;
  private final Fd sync;
  private boolean executorReaped;
  private Fd console;

  InitSession(Syscalls sys, InitProgram program, int executorPid, Fd sync) {
    this.sys = sys;
    this.program = program;
    this.executorPid = executorPid;
    this.sync = sync;
  }

  public int executorPid() {
    return executorPid;
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
      sys.sendmsg(sync, InitMessage.sync(code), java.util.List.of());
    } catch (SyscallException e) {
      throw new JcrunException("tell the container init to continue: " + e.getMessage(), e);
    }
  }

  /** What to do with an fd the init sends on the way (other than the console). */
  @FunctionalInterface
  public interface FdHandler {
    void handle(String name, Fd fd) throws JcrunException;
  }

  /**
   * Waits for SYNC {@code code}, keeping a console master that arrives on the way and giving
   * any other fd to {@code handler}.
   */
  public void await(int code, String what, FdHandler handler) throws JcrunException {
    for (;;) {
      InitMessage m = next(what);
      if (m.type() == InitMessage.Type.FD && !m.fds().isEmpty()) {
        if (m.text().startsWith("/dev/pts/")) {
          console = m.fds().getFirst();
        } else {
          handler.handle(m.text(), m.fds().getFirst());
        }
        continue;
      }
      if (m.type() != InitMessage.Type.SYNC || m.value() != code) {
        throw unexpected(m, "SYNC " + code);
      }
      return;
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
    Message msg;
    try {
      msg = sys.recvmsg(sync, InitMessage.MAX_SIZE);
    } catch (SyscallException e) {
      throw new JcrunException("read from the container init: " + e.getMessage(), e);
    }
    if (msg.isEndOfStream()) {
      return;
    }
    InitMessage m = InitMessage.decode(msg.data(), msg.fds());
    throw m.type() == InitMessage.Type.ERROR
        ? new InitFailedException(program, m.op(), m.value(), m.text()) : unexpected(m, "EOF");
  }

  private InitMessage next(String what) throws JcrunException {
    Message msg;
    try {
      msg = sys.recvmsg(sync, InitMessage.MAX_SIZE);
    } catch (SyscallException e) {
      throw new JcrunException("wait for " + what + ": " + e.getMessage(), e);
    }
    if (msg.isEndOfStream()) {
      String status = executorStatus();
      throw new JcrunException("jcrun-init exited while waiting for " + what + status);
    }
    InitMessage m = InitMessage.decode(msg.data(), msg.fds());
    if (m.type() == InitMessage.Type.ERROR) {
      reapExecutorQuietly();
      throw new InitFailedException(program, m.op(), m.value(), m.text());
    }
    return m;
  }

  private String executorStatus() {
    if (executorReaped) {
      return "";
    }
    try {
      WaitStatus s = sys.waitpid(executorPid, 0);
      executorReaped = true;
      return s.exited() ? " (exit status " + s.exitStatus() + ")"
          : " (killed by signal " + s.termSignal() + ")";
    } catch (SyscallException e) {
      return "";
    }
  }

  private void reapExecutor() throws JcrunException {
    if (executorReaped) {
      return;
    }
    try {
      sys.waitpid(executorPid, 0);
      executorReaped = true;
    } catch (SyscallException e) {
      throw new JcrunException("reap jcrun-init: " + e.getMessage(), e);
    }
  }

  /** When the executor failed before its clone, it exits on its own; reap it without waiting on errors. */
  private void reapExecutorQuietly() {
    executorStatus();
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
