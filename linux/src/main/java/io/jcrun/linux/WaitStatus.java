package io.jcrun.linux;

/** The result of {@code waitpid}: the pid and the raw status word. */
public record WaitStatus(int pid, int raw) {
  public static final int WNOHANG = 1;

  public boolean exited() {
    return (raw & 0x7f) == 0;
  }

  public int exitStatus() {
    return (raw >> 8) & 0xff;
  }

  public boolean signaled() {
    return ((raw & 0x7f) + 1) >> 1 > 0 && (raw & 0x7f) != 0x7f;
  }

  public int termSignal() {
    return raw & 0x7f;
  }

  /** The shell's convention, which runc follows: the exit status, or 128 + the signal. */
  public int shellStatus() {
    return exited() ? exitStatus() : 128 + termSignal();
  }
}
