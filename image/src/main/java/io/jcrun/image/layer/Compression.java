package io.jcrun.image.layer;

import io.jcrun.image.LayerException;
import io.jcrun.image.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * How a layer blob is compressed, told by its first bytes rather than its media type (Docker's
 * media types say gzip for uncompressed layers in {@code docker save} archives).
 */
public enum Compression {
  NONE,
  GZIP,
  ZSTD;

  private static final int BUFFER = 1 << 16;

  /** Peeks at the magic of {@code in}, which must support mark and reset. */
  public static Compression detect(InputStream in) throws IOException {
    in.mark(6);
    byte[] magic = in.readNBytes(6);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
      throw new LayerException("read layer: bzip2 compression is not supported");
    }
    if (magic.length >= 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z'
        && magic[3] == 'X' && magic[4] == 'Z' && magic[5] == 0) {
      throw new LayerException("read layer: xz compression is not supported");
    }
    return NONE;
  }

  /** The decompressed stream of {@code in}, whatever its compression. */
  public static InputStream decompress(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    return switch (detect(buffered)) {
      case GZIP -> new GZIPInputStream(buffered, BUFFER);
      case ZSTD -> new ZstdInputStream(buffered);
      case NONE -> buffered;
    };
  }
}
