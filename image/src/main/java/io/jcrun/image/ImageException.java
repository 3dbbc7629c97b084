package io.jcrun.image;

import java.io.IOException;

/**
 * An image operation failed. The message is one line, {@code <operation> <subject>: <cause>},
 * e.g. {@code load /tmp/x.tar: blob sha256:ab12...: expected 1024 bytes, got 1000}.
 */
public class ImageException extends IOException {
  private static final long serialVersionUID = 1L;

  public ImageException(String message) {
    super(message);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
