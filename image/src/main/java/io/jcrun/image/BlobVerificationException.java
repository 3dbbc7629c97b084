package io.jcrun.image;

/**
 * Content did not match what describes it: a blob's digest or size, or a layer's diff id. Nothing
 * of the content reached the store.
 */
public final class BlobVerificationException extends ImageException {
  private static final long serialVersionUID = 1L;

  public BlobVerificationException(String message) {
    super(message);
  }
}
