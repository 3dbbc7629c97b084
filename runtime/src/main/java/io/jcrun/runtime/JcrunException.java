package io.jcrun.runtime;

/**
 * The root of the runtime's errors: one line of text for the user, the cause kept. The CLI
 * prints the message and exits 1.
 */
public class JcrunException extends Exception {
  private static final long serialVersionUID = 1L;

  public JcrunException(String message) {
    super(message);
  }

  public JcrunException(String message, Throwable cause) {
    super(message, cause);
  }
}
