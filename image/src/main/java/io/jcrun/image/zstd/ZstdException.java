package io.jcrun.image.zstd;

import java.io.IOException;

/** A zstd stream that is corrupt, truncated or uses what this decoder does not support. */
public final class ZstdException extends IOException {
  private static final long serialVersionUID = 1L;

  public ZstdException(String message) {
    super(message);
  }

  static ZstdException corrupt(String what) {
    return new ZstdException("decompress zstd: corrupt data: " + what);
  }
}
