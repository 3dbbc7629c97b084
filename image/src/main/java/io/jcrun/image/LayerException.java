package io.jcrun.image;

/**
 * A layer could not be read or applied: a malformed tar, an entry the applier refuses (a whiteout
 * of {@code ..}, a hardlink to nothing in the layer) or a failed system call, naming the entry.
 */
public final class LayerException extends ImageException {
  private static final long serialVersionUID = 1L;

  public LayerException(String message) {
    super(message);
  }

  public LayerException(String message, Throwable cause) {
    super(message, cause);
  }
}
