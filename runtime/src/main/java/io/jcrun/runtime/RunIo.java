package io.jcrun.runtime;

/**
 * The stdio of a foreground {@code run} as fd numbers of this process, normally 0, 1, 2: the
 * container inherits them, or they are proxied to its pty.
 */
public record RunIo(int stdin, int stdout, int stderr) {
  public static final RunIo STANDARD = new RunIo(0, 1, 2);
}
