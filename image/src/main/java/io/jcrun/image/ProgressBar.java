package io.jcrun.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@link Progress} for a terminal: one line redrawn in place, at most ten times a second, with a
 * bar, bytes read of the total and layers done of the total.
 */
final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final OutputStream out;
  private int layers;
  private int layersDone;
  private long total;
  private long read;
  private long lastDraw = Long.MIN_VALUE;
  private boolean drawn;

  ProgressBar(OutputStream out) {
    this.out = out;
  }

  @Override
  public synchronized void started(int layers, long bytes) {
    this.layers = layers;
    this.total = bytes;
    draw(true);
  }

  @Override
  public synchronized void bytesRead(long count) {
    read += count;
    draw(false);
  }

  @Override
  public synchronized void layerDone(Digest layer, boolean cached) {
    layersDone++;
    draw(true);
  }

  @Override
  public synchronized void finished() {
    if (drawn) {
      draw(true);
      write("\n");
    }
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && drawn && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    int filled = total <= 0 ? (layers == 0 ? WIDTH : WIDTH * layersDone / layers)
        : (int) Math.min(WIDTH, WIDTH * read / total);
    StringBuilder line = new StringBuilder("\r[");
    line.append("=".repeat(filled));
    if (filled < WIDTH) {
      line.append('>').append(" ".repeat(WIDTH - filled - 1));
    }
    line.append("] ").append(ByteSizes.format(read));
    if (total > 0) {
      line.append(" / ").append(ByteSizes.format(total));
    }
    line.append("  ").append(layersDone).append('/').append(layers).append(" layers\u001b[K");
    write(line.toString());
  }

  private void write(String s) {
    try {
      out.write(s.getBytes(UTF_8));
      out.flush();
    } catch (IOException e) {
      // progress is best effort: a closed terminal must not fail the import
    }
  }
}
