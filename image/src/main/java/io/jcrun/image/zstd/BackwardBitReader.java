package io.jcrun.image.zstd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a zstd backward bitstream: it starts at the end, skipping the padding up to the highest
 * set bit of the last byte, and is read towards the beginning, most significant bits first. Bits
 * before the beginning read as zeros (FSE's last state updates may ask for them).
 */
final class BackwardBitReader {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] src;
  private final int start;
  private final boolean shortStream;
  private int ptr;
  private long container;
  private int consumed;

  BackwardBitReader(byte[] src, int start, int end) throws ZstdException {
    int size = end - start;
    if (size < 1) {
      throw ZstdException.corrupt("empty bitstream");
    }
    int last = src[end - 1] & 0xff;
    if (last == 0) {
      throw ZstdException.corrupt("bitstream without end mark");
    }
    this.src = src;
    this.start = start;
    int padding = 8 - (31 - Integer.numberOfLeadingZeros(last));
    if (size >= 8) {
      shortStream = false;
      ptr = end - 8;
      container = (long) LONG.get(src, ptr);
      consumed = padding;
    } else {
      shortStream = true;
      ptr = start;
      long c = 0;
      for (int i = size - 1; i >= 0; i--) {
        c = (c << 8) | (src[start + i] & 0xff);
      }
      container = c;
      consumed = padding + (8 - size) * 8;
    }
  }

  /** The next {@code n} bits (0 to 56) without consuming them. */
  long peek(int n) {
    if (consumed + n > 64) {
      reload();
    }
    if (n == 0 || consumed >= 64) {
      return 0;
    }
    return (container << consumed) >>> (64 - n);
  }

  void skip(int n) {
    consumed += n;
  }

  long read(int n) {
    long v = peek(n);
    consumed += n;
    return v;
  }

  /** Whether more bits were read than the stream holds. */
  boolean overflowed() {
    reload();
    return consumed > 64;
  }

  /** Whether exactly every bit of the stream was read. */
  boolean isComplete() {
    reload();
    return ptr == start && consumed == 64;
  }

  private void reload() {
    if (shortStream || ptr == start) {
      return;
    }
    int bytes = consumed >>> 3;
    if (ptr - bytes < start) {
      bytes = ptr - start;
    }
    ptr -= bytes;
    consumed -= bytes * 8;
    container = (long) LONG.get(src, ptr);
  }
}
