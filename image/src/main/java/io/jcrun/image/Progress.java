package io.jcrun.image;

import java.io.OutputStream;

/**
 * Receives the progress of an import or an unpack: how many layers and bytes to go, each layer's
 * start and end, and bytes read as they are read. Methods may be called from several threads at
 * once; implementations are thread-safe.
 */
public interface Progress {
  /** Reports nothing. */
  Progress NONE = new Progress() {};

  /**
   * A bar redrawn in place when {@code terminal}, plain lines otherwise, written to {@code out}
   * (usually stderr, which the caller owns and keeps open).
   */
  static Progress to(OutputStream out, boolean terminal) {
    return terminal ? new ProgressBar(out) : new ProgressLines(out);
  }

  /** {@code layers} layers of {@code bytes} bytes in total are about to be read. */
  default void started(int layers, long bytes) {}

  /** A layer starts; {@code size} is its blob size, -1 when unknown. */
  default void layerStarted(Digest layer, long size) {}

  /** {@code count} more bytes of some layer's blob were read. */
  default void bytesRead(long count) {}

  /** A layer is done; {@code cached} when it was already in the store and nothing was read. */
  default void layerDone(Digest layer, boolean cached) {}

  /** Everything is done, successfully or not. */
  default void finished() {}
}
