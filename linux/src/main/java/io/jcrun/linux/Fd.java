package io.jcrun.linux;

/**
 * An open file descriptor owned by the {@link ContainerSyscalls} that opened it. Closing is
 * idempotent. For the init-program recorder the number is a slot of the program, not a real fd.
 */
public final class Fd implements AutoCloseable {
  /** {@code AT_FDCWD}: resolve relative to the current directory. */
  public static final Fd CWD = new Fd(-100, null);

  private final int number;
  private final ContainerSyscalls owner;
  private boolean closed;

  public Fd(int number, ContainerSyscalls owner) {
    this.number = number;
    this.owner = owner;
  }

  public int number() {
    return number;
  }

  public boolean isOpen() {
    return !closed && owner != null;
  }

  @Override
  public void close() {
    if (owner == null || closed) {
      return;
    }
    closed = true;
    owner.close(this);
  }

  @Override
  public String toString() {
    return this == CWD ? "AT_FDCWD" : "fd " + number;
  }
}
