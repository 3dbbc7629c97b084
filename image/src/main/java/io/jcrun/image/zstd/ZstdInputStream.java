package io.jcrun.image.zstd;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decompresses a zstd stream: one or more frames (RFC 8878 3.1), skippable frames skipped, each
 * frame's content checksum and content size verified. Windows up to 128 MiB, the default limit of
 * the reference decoder ({@code --long=27}); dictionaries are not supported.
 */
public final class ZstdInputStream extends InputStream {
  private static final int MAGIC = 0xFD2FB528;
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE = 0x184D2A50;
  private static final long MAX_WINDOW = 1L << 27;

  private final InputStream in;
  private final BlockDecoder blocks;
  private final byte[] compressed = new byte[BlockDecoder.MAX_BLOCK];
  private byte[] window = new byte[0];
  private int pos;
  private int readPos;
  private boolean inFrame;
  private boolean lastBlock;
  private boolean finished;
  private long windowSize;
  private long contentSize;
  private long frameOutput;
  private boolean hasChecksum;
  private XxHash64 checksum;

  public ZstdInputStream(InputStream in) throws IOException {
    this.in = in;
    this.blocks = new BlockDecoder();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (readPos == pos) {
      if (!decodeMore()) {
        return -1;
      }
    }
    int n = Math.min(len, pos - readPos);
    System.arraycopy(window, readPos, b, off, n);
    readPos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Decodes the next block (starting a frame when needed); false at the end of the stream. */
  private boolean decodeMore() throws IOException {
    if (finished) {
      return false;
    }
    if (!inFrame) {
      if (!startFrame()) {
        finished = true;
        return false;
      }
      return true;
    }
    if (lastBlock) {
      endFrame();
      return true;
    }
    decodeBlock();
    return true;
  }

  private boolean startFrame() throws IOException {
    while (true) {
      int b0 = in.read();
      if (b0 < 0) {
        return false;
      }
      int magic = b0 | readByte() << 8 | readByte() << 16 | readByte() << 24;
      if ((magic & SKIPPABLE_MASK) == SKIPPABLE) {
        long size = readLittleEndian(4);
        skipFully(size);
        continue;
      }
      if (magic != MAGIC) {
        throw new ZstdException("decompress zstd: not a zstd frame (magic 0x"
            + Integer.toHexString(magic) + ")");
      }
      readFrameHeader();
      return true;
    }
  }

  private void readFrameHeader() throws IOException {
    int descriptor = readByte();
    int contentSizeFlag = descriptor >>> 6;
    boolean singleSegment = (descriptor & 0x20) != 0;
    if ((descriptor & 0x08) != 0) {
      throw ZstdException.corrupt("reserved bit set in the frame header");
    }
    hasChecksum = (descriptor & 0x04) != 0;
    int dictionaryIdSize = new int[] {0, 1, 2, 4}[descriptor & 3];
    long window = 0;
    if (!singleSegment) {
      int w = readByte();
      long base = 1L << (10 + (w >>> 3));
      window = base + (base / 8) * (w & 7);
    }
    long dictionaryId = readLittleEndian(dictionaryIdSize);
    if (dictionaryId != 0) {
      throw new ZstdException("decompress zstd: the frame needs dictionary " + dictionaryId
          + ", and dictionaries are not supported");
    }
    int contentSizeBytes = contentSizeFlag == 0 ? (singleSegment ? 1 : 0)
        : new int[] {0, 2, 4, 8}[contentSizeFlag];
    contentSize = -1;
    if (contentSizeBytes > 0) {
      contentSize = readLittleEndian(contentSizeBytes) + (contentSizeBytes == 2 ? 256 : 0);
    }
    if (singleSegment) {
      window = contentSize;
    }
    if (window > MAX_WINDOW || window < 0) {
      throw new ZstdException("decompress zstd: a window of " + window + " bytes exceeds the "
          + MAX_WINDOW + " this decoder accepts");
    }
    windowSize = window;
    blocks.reset();
    inFrame = true;
    lastBlock = false;
    frameOutput = 0;
    pos = 0;
    readPos = 0;
    checksum = hasChecksum ? new XxHash64() : null;
  }

  private void decodeBlock() throws IOException {
    int header = readByte() | readByte() << 8 | readByte() << 16;
    lastBlock = (header & 1) != 0;
    int type = (header >>> 1) & 3;
    int size = header >>> 3;
    int maxBlock = (int) Math.min(Math.max(windowSize, 1), BlockDecoder.MAX_BLOCK);
    makeRoom();
    int start = pos;
    switch (type) {
      case 0 -> {
        checkSize(size, maxBlock);
        readFully(window, pos, size);
        pos += size;
      }
      case 1 -> {
        checkSize(size, maxBlock);
        java.util.Arrays.fill(window, pos, pos + size, (byte) readByte());
        pos += size;
      }
      case 2 -> {
        checkSize(size, maxBlock);
        readFully(compressed, 0, size);
        pos = blocks.decode(compressed, size, window, pos, maxBlock);
      }
      default -> throw ZstdException.corrupt("reserved block type");
    }
    frameOutput += pos - start;
    if (contentSize >= 0 && frameOutput > contentSize) {
      throw ZstdException.corrupt("frame longer than its declared content size");
    }
    if (checksum != null) {
      checksum.update(window, start, pos - start);
    }
  }

  private static void checkSize(int size, int maxBlock) throws ZstdException {
    if (size > maxBlock) {
      throw ZstdException.corrupt("block of " + size + " bytes exceeds " + maxBlock);
    }
  }

  private void endFrame() throws IOException {
    if (contentSize >= 0 && frameOutput != contentSize) {
      throw ZstdException.corrupt("frame content is " + frameOutput + " bytes, the header says "
          + contentSize);
    }
    if (hasChecksum) {
      int expected = (int) readLittleEndian(4);
      int actual = (int) checksum.digest();
      if (expected != actual) {
        throw ZstdException.corrupt("content checksum mismatch");
      }
    }
    inFrame = false;
  }

  /**
   * Makes room for one more block after {@code pos}: grows the buffer up to twice the window, then
   * slides the last window's worth of history to the front. Every byte before {@code pos} was
   * already handed out, so sliding loses nothing unread.
   */
  private void makeRoom() {
    int need = pos + BlockDecoder.MAX_BLOCK;
    if (need <= window.length) {
      return;
    }
    long limit = 2 * windowSize + 2L * BlockDecoder.MAX_BLOCK;
    if (window.length < limit) {
      long grown = Math.max(Math.min(Math.max(2L * window.length, need), limit), need);
      byte[] bigger = new byte[(int) grown];
      System.arraycopy(window, 0, bigger, 0, pos);
      window = bigger;
      return;
    }
    int keep = (int) Math.min(windowSize, pos);
    System.arraycopy(window, pos - keep, window, 0, keep);
    pos = keep;
    readPos = keep;
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw truncated();
    }
    return b;
  }

  private long readLittleEndian(int n) throws IOException {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) readByte() << (8 * i);
    }
    return v;
  }

  private void readFully(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = in.read(b, off, len);
      if (n < 0) {
        throw truncated();
      }
      off += n;
      len -= n;
    }
  }

  private void skipFully(long n) throws IOException {
    byte[] scratch = new byte[8192];
    while (n > 0) {
      int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
      if (r < 0) {
        throw truncated();
      }
      n -= r;
    }
  }

  private static ZstdException truncated() {
    return new ZstdException("decompress zstd: unexpected end of the compressed stream");
  }
}
