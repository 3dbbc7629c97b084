package io.jcrun.runtime;

import io.jcrun.linux.Signal;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import java.util.ArrayList;
import java.util.List;

/**
 * While a foreground {@code run} waits, the signals a terminal or a supervisor sends to jcrun
 * go to the container's init instead, as runc forwards them. The previous handlers come back
 * on close.
 */
final class SignalForwarder implements AutoCloseable {
  private static final List<String> FORWARDED = List.of("INT", "TERM", "HUP", "USR1", "USR2");

  private final Syscalls sys;
  private final int pid;
  private final List<sun.misc.Signal> signals = new ArrayList<>();
  private final List<sun.misc.SignalHandler> previous = new ArrayList<>();

  SignalForwarder(Syscalls sys, int pid) {
    this.sys = sys;
    this.pid = pid;
    for (String name : FORWARDED) {
      install(name, s -> forward(s.getNumber()));
    }
  }

  /** Also runs {@code action} on SIGWINCH (for a proxied pty). */
  void onWindowChange(Runnable action) {
    install("WINCH", s -> action.run());
  }

  private void install(String name, sun.misc.SignalHandler handler) {
    sun.misc.Signal signal = new sun.misc.Signal(name);
    previous.add(sun.misc.Signal.handle(signal, handler));
    signals.add(signal);
  }

  private void forward(int number) {
    try {
      sys.kill(pid, new Signal(number));
    } catch (SyscallException e) {
      // The init is gone; waitpid in the run loop is about to return.
      return;
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      sun.misc.Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
