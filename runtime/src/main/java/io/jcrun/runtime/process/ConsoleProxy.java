package io.jcrun.runtime.process;

import io.jcrun.linux.Fd;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;

/**
 * Proxies a container's pty for a foreground {@code run}: jcrun's stdin to the master, the
 * master to jcrun's stdout, the window size along, and jcrun's own terminal in raw mode while
 * it lasts (restored on close).
 */
public final class ConsoleProxy implements AutoCloseable {
  private final Syscalls sys;
  private final Fd master;
  private final Fd stdin;
  private final Fd stdout;
  private byte[] savedTermios;
  private Thread output;

  public ConsoleProxy(Syscalls sys, Fd master, Fd stdin, Fd stdout) {
    this.sys = sys;
    this.master = master;
    this.stdin = stdin;
    this.stdout = stdout;
  }

  public void start() throws io.jcrun.runtime.JcrunException {
    try {
      if (sys.isatty(stdin)) {
        savedTermios = sys.tcgetattr(stdin);
        sys.tcsetattr(stdin, Termios.raw(savedTermios));
        copyWindowSize();
      }
    } catch (SyscallException e) {
      throw new io.jcrun.runtime.JcrunException("set up the terminal: " + e.getMessage(), e);
    }
    Thread.ofPlatform().daemon().name("jcrun-stdin").start(() -> copy(stdin, master));
    output = Thread.ofPlatform().name("jcrun-stdout").start(() -> copy(master, stdout));
  }

  /** Gives the pty the size of jcrun's terminal (on start and on SIGWINCH). */
  public void copyWindowSize() {
    try {
      if (sys.isatty(stdin)) {
        int[] size = sys.getWindowSize(stdin);
        sys.setWindowSize(master, size[0], size[1]);
      }
    } catch (SyscallException e) {
      // The terminal or the pty went away; the next read or write will end the proxy.
      return;
    }
  }

  /** Copies until end of file or an error (EIO from the master once the container's side is closed). */
  private void copy(Fd from, Fd to) {
    try {
      for (;;) {
        byte[] b = sys.read(from, 32 * 1024);
        if (b.length == 0) {
          return;
        }
        sys.write(to, b);
      }
    } catch (SyscallException e) {
      return;
    }
  }

  @Override
  public void close() {
    try {
      if (output != null) {
        output.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (savedTermios != null) {
        sys.tcsetattr(stdin, savedTermios);
      }
    } catch (SyscallException e) {
      throw new IllegalStateException("restore the terminal: " + e.getMessage(), e);
    } finally {
      master.close();
    }
  }
}
