package io.jcrun.runtime;

import io.jcrun.linux.Fd;
import io.jcrun.linux.Prctl;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.linux.WaitStatus;
import io.jcrun.runtime.process.ConsoleProxy;
import io.jcrun.runtime.state.ContainerId;

/**
 * A foreground {@code run}: create with the pty (if any) coming back to jcrun, start, hear
 * from the init whether exec worked, forward signals, wait for the init (a child of jcrun by
 * CLONE_PARENT) and remove the container.
 */
final class RunOperation {
  private final Syscalls sys;
  private final Containers containers;
  private final Lifecycle lifecycle;

  RunOperation(Syscalls sys, Containers containers, Lifecycle lifecycle) {
    this.sys = sys;
    this.containers = containers;
    this.lifecycle = lifecycle;
  }

  int run(ContainerId id, CreateOptions opts, RunIo io) throws JcrunException {
    CreateOptions foreground = opts.withConsoleToJcrun(opts.consoleSocket().isEmpty());
    if (io.subreaper()) {
      try {
        sys.prctl(Prctl.PR_SET_CHILD_SUBREAPER, 1);
      } catch (SyscallException e) {
        throw new JcrunException("become a child subreaper: " + e.getMessage(), e);
      }
    }
    try (Created created = containers.create(id, foreground)) {
      int pid = created.state().pid();
      try (SignalForwarder signals = new SignalForwarder(sys, pid)) {
        Fd console = created.session().console();
        if (console == null) {
          lifecycle.start(id);
          created.session().awaitExec();
          return waitFor(pid, io.subreaper());
        }
        // The pty gets jcrun's window size before the process starts and looks at it.
        try (ConsoleProxy proxy = new ConsoleProxy(sys, console, sys.borrow(io.stdin()),
            sys.borrow(io.stdout()))) {
          proxy.start();
          signals.onWindowChange(proxy::copyWindowSize);
          lifecycle.start(id);
          created.session().awaitExec();
          return waitFor(pid, io.subreaper());
        }
      } catch (JcrunException e) {
        killQuietly(pid, e);
        lifecycle.delete(id, true); // also with --keep: a run that failed leaves nothing
        throw e;
      }
    } finally {
      if (!io.keep()) {
        lifecycle.delete(id, true);
      }
    }
  }

  /**
   * Waits for the init. As a child subreaper (runc's default for run), jcrun also inherits the
   * container's orphans when it has no pid namespace of its own, and reaps them on the way.
   */
  private int waitFor(int pid, boolean subreaper) throws JcrunException {
    if (!subreaper) {
      return waitFor(pid);
    }
    try {
      for (;;) {
        WaitStatus s = sys.waitpid(-1, 0);
        if (s.pid() == pid) {
          return s.shellStatus();
        }
      }
    } catch (SyscallException e) {
      throw new JcrunException("wait for the container process " + pid + ": " + e.getMessage(), e);
    }
  }

  private int waitFor(int pid) throws JcrunException {
    try {
      WaitStatus s = sys.waitpid(pid, 0);
      return s.shellStatus();
    } catch (SyscallException e) {
      throw new JcrunException("wait for the container process " + pid + ": " + e.getMessage(), e);
    }
  }

  private void killQuietly(int pid, Exception primary) {
    try {
      sys.kill(pid, io.jcrun.linux.Signal.SIGKILL);
      sys.waitpid(pid, 0);
    } catch (SyscallException e) {
      if (!e.is(io.jcrun.linux.Errno.ESRCH) && !e.is(io.jcrun.linux.Errno.ECHILD)) {
        primary.addSuppressed(e);
      }
    }
  }
}
