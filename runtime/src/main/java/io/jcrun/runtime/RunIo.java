package io.jcrun.runtime;

/**
 * How a foreground {@code run} or {@code exec} meets its caller: the stdio as fd numbers of
 * this process (normally 0, 1, 2; the container inherits them, or they are proxied to its
 * pty), whether the container stays after it exits ({@code --keep}), and whether jcrun becomes
 * a child subreaper for the container's orphans (not with {@code --no-subreaper}).
 */
public record RunIo(int stdin, int stdout, int stderr, boolean keep, boolean subreaper) {
  public static final RunIo STANDARD = new RunIo(0, 1, 2, false, true);

  public RunIo with(boolean keep, boolean subreaper) {
    return new RunIo(stdin, stdout, stderr, keep, subreaper);
  }
}
