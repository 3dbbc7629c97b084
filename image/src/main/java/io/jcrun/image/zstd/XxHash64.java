package io.jcrun.image.zstd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Streaming XXH64 with seed 0, the content checksum of a zstd frame. */
final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private long v1 = P1 + P2;
  private long v2 = P2;
  private long v3 = 0;
  private long v4 = -P1;
  private final byte[] pending = new byte[32];
  private int pendingLength;
  private long total;

  void update(byte[] b, int off, int len) {
    total += len;
    if (pendingLength > 0) {
      int n = Math.min(32 - pendingLength, len);
      System.arraycopy(b, off, pending, pendingLength, n);
      pendingLength += n;
      off += n;
      len -= n;
      if (pendingLength < 32) {
        return;
      }
      stripe(pending, 0);
      pendingLength = 0;
    }
    int end = off + len;
    while (end - off >= 32) {
      stripe(b, off);
      off += 32;
    }
    System.arraycopy(b, off, pending, 0, end - off);
    pendingLength = end - off;
  }

  private void stripe(byte[] b, int off) {
    v1 = round(v1, (long) LONG.get(b, off));
    v2 = round(v2, (long) LONG.get(b, off + 8));
    v3 = round(v3, (long) LONG.get(b, off + 16));
    v4 = round(v4, (long) LONG.get(b, off + 24));
  }

  long digest() {
    long h;
    if (total >= 32) {
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
          + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = P5;
    }
    h += total;
    int i = 0;
    for (; i + 8 <= pendingLength; i += 8) {
      h ^= round(0, (long) LONG.get(pending, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (i + 4 <= pendingLength) {
      h ^= (((int) INT.get(pending, i)) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 4;
    }
    for (; i < pendingLength; i++) {
      h ^= (pending[i] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long v) {
    acc ^= round(0, v);
    return acc * P1 + P4;
  }
}
