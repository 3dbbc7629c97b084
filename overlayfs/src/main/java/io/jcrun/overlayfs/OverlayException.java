package io.jcrun.overlayfs;

import java.io.IOException;

/** An overlay mount that cannot be expressed or made; the message names the mount target. */
public final class OverlayException extends IOException {
  private static final long serialVersionUID = 1L;

  public OverlayException(String message) {
    super(message);
  }

  public OverlayException(String message, Throwable cause) {
    super(message, cause);
  }
}
