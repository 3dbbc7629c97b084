package io.jcrun.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;

/** {@link Progress} for a log or a pipe: one plain line per layer event, none per byte. */
final class ProgressLines implements Progress {
  private final OutputStream out;
  private final long startNanos = System.nanoTime();
  private int layers;
  private long read;

  ProgressLines(OutputStream out) {
    this.out = out;
  }

  @Override
  public synchronized void started(int layers, long bytes) {
    this.layers = layers;
    line("loading " + layers + (layers == 1 ? " layer" : " layers")
        + (bytes > 0 ? ", " + ByteSizes.format(bytes) : ""));
  }

  @Override
  public synchronized void layerStarted(Digest layer, long size) {
    line("layer " + layer.algorithm() + ":" + layer.shortHex()
        + (size >= 0 ? " (" + ByteSizes.format(size) + ")" : "") + ": reading");
  }

  @Override
  public synchronized void bytesRead(long count) {
    read += count;
  }

  @Override
  public synchronized void layerDone(Digest layer, boolean cached) {
    line("layer " + layer.algorithm() + ":" + layer.shortHex() + ": "
        + (cached ? "already present" : "done"));
  }

  @Override
  public synchronized void finished() {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    line("read " + ByteSizes.format(read) + " of " + layers + (layers == 1 ? " layer" : " layers")
        + " in " + millis / 1000 + "." + String.format("%02d", millis % 1000 / 10) + " s");
  }

  private void line(String s) {
    try {
      out.write((s + "\n").getBytes(UTF_8));
      out.flush();
    } catch (IOException e) {
      // progress is best effort: a closed log must not fail the import
    }
  }
}
