package io.jcrun.image.zstd;

/**
 * Decodes compressed blocks (RFC 8878 3.1.1.3): the literals section, then the sequences, executed
 * straight into the caller's window buffer. Keeps what later blocks of the same frame may reuse:
 * the Huffman table, the three FSE tables and the repeat offsets.
 */
final class BlockDecoder {
  static final int MAX_BLOCK = 128 * 1024;

  private static final int[] LL_BASE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
      16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768,
      65536};
  private static final int[] LL_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  private static final int[] ML_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
      19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51,
      59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539};
  private static final int[] ML_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9,
      10, 11, 12, 13, 14, 15, 16};
  private static final short[] LL_DEFAULT = {4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
      2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1};
  private static final short[] ML_DEFAULT = {1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
      -1, -1, -1, -1, -1, -1, -1};
  private static final short[] OF_DEFAULT = {1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1};

  private final FseTable llPredefined;
  private final FseTable mlPredefined;
  private final FseTable ofPredefined;
  private final byte[] literals = new byte[MAX_BLOCK + 8];
  private HuffmanTable huffman;
  private FseTable ll;
  private FseTable ml;
  private FseTable of;
  private final int[] rep = new int[3];

  BlockDecoder() throws ZstdException {
    llPredefined = FseTable.build(LL_DEFAULT, LL_DEFAULT.length, 6);
    mlPredefined = FseTable.build(ML_DEFAULT, ML_DEFAULT.length, 6);
    ofPredefined = FseTable.build(OF_DEFAULT, OF_DEFAULT.length, 5);
    reset();
  }

  /** Forgets everything a previous frame left. */
  void reset() {
    huffman = null;
    ll = null;
    ml = null;
    of = null;
    rep[0] = 1;
    rep[1] = 4;
    rep[2] = 8;
  }

  /**
   * Decodes the compressed block {@code src[0, length)} into {@code window} at {@code pos}; the
   * bytes before {@code pos} are the history matches may copy from. Returns the new position.
   */
  int decode(byte[] src, int length, byte[] window, int pos, int maxBlock) throws ZstdException {
    int[] at = {0};
    int literalCount = readLiterals(src, length, at);
    return executeSequences(src, at[0], length, literalCount, window, pos, maxBlock);
  }

  private int readLiterals(byte[] src, int length, int[] at) throws ZstdException {
    if (length < 1) {
      throw ZstdException.corrupt("empty compressed block");
    }
    int b0 = src[0] & 0xff;
    int type = b0 & 3;
    int sizeFormat = (b0 >>> 2) & 3;
    if (type <= 1) {
      int regenerated;
      int header;
      switch (sizeFormat) {
        case 0, 2 -> {
          regenerated = b0 >>> 3;
          header = 1;
        }
        case 1 -> {
          need(length, 2);
          regenerated = (b0 >>> 4) + ((src[1] & 0xff) << 4);
          header = 2;
        }
        default -> {
          need(length, 3);
          regenerated = (b0 >>> 4) + ((src[1] & 0xff) << 4) + ((src[2] & 0xff) << 12);
          header = 3;
        }
      }
      if (regenerated > MAX_BLOCK) {
        throw ZstdException.corrupt("literals larger than a block");
      }
      if (type == 0) {
        need(length, header + regenerated);
        System.arraycopy(src, header, literals, 0, regenerated);
        at[0] = header + regenerated;
      } else {
        need(length, header + 1);
        java.util.Arrays.fill(literals, 0, regenerated, src[header]);
        at[0] = header + 1;
      }
      return regenerated;
    }
    int header = sizeFormat <= 1 ? 3 : sizeFormat == 2 ? 4 : 5;
    need(length, header);
    long value = 0;
    for (int i = header - 1; i >= 0; i--) {
      value = (value << 8) | (src[i] & 0xff);
    }
    int fieldBits = sizeFormat <= 1 ? 10 : sizeFormat == 2 ? 14 : 18;
    int regenerated = (int) ((value >>> 4) & ((1 << fieldBits) - 1));
    int compressed = (int) ((value >>> (4 + fieldBits)) & ((1 << fieldBits) - 1));
    boolean fourStreams = sizeFormat != 0;
    if (regenerated > MAX_BLOCK) {
      throw ZstdException.corrupt("literals larger than a block");
    }
    int start = header;
    int end = header + compressed;
    need(length, end);
    if (type == 2) {
      huffman = HuffmanTable.read(src, start, end);
      start += huffman.descriptionSize;
    } else if (huffman == null) {
      throw ZstdException.corrupt("treeless literals without a previous Huffman table");
    }
    if (!fourStreams) {
      huffman.decodeStream(src, start, end, literals, 0, regenerated);
    } else {
      if (end - start < 6) {
        throw ZstdException.corrupt("four literal streams without a jump table");
      }
      int s1 = (src[start] & 0xff) | (src[start + 1] & 0xff) << 8;
      int s2 = (src[start + 2] & 0xff) | (src[start + 3] & 0xff) << 8;
      int s3 = (src[start + 4] & 0xff) | (src[start + 5] & 0xff) << 8;
      int p1 = start + 6;
      int p2 = p1 + s1;
      int p3 = p2 + s2;
      int p4 = p3 + s3;
      if (p4 > end) {
        throw ZstdException.corrupt("literal streams past their section");
      }
      int per = (regenerated + 3) / 4;
      int last = regenerated - 3 * per;
      if (last < 0) {
        throw ZstdException.corrupt("too few literals for four streams");
      }
      huffman.decodeStream(src, p1, p2, literals, 0, per);
      huffman.decodeStream(src, p2, p3, literals, per, per);
      huffman.decodeStream(src, p3, p4, literals, 2 * per, per);
      huffman.decodeStream(src, p4, end, literals, 3 * per, last);
    }
    at[0] = end;
    return regenerated;
  }

  private int executeSequences(byte[] src, int p, int length, int literalCount, byte[] window,
      int pos, int maxBlock) throws ZstdException {
    int blockStart = pos;
    need(length, p + 1);
    int b0 = src[p++] & 0xff;
    int count;
    if (b0 < 128) {
      count = b0;
    } else if (b0 < 255) {
      need(length, p + 1);
      count = ((b0 - 128) << 8) + (src[p++] & 0xff);
    } else {
      need(length, p + 2);
      count = (src[p] & 0xff) + ((src[p + 1] & 0xff) << 8) + 0x7f00;
      p += 2;
    }
    if (count == 0) {
      if (p != length) {
        throw ZstdException.corrupt("data after a block without sequences");
      }
      return copyLiterals(window, pos, 0, literalCount, blockStart, maxBlock);
    }
    need(length, p + 1);
    int modes = src[p++] & 0xff;
    if ((modes & 3) != 0) {
      throw ZstdException.corrupt("reserved bits set in the sequence modes");
    }
    int[] at = {p};
    ll = table((modes >>> 6) & 3, src, at, length, ll, llPredefined, 35, 9, "literal length");
    of = table((modes >>> 4) & 3, src, at, length, of, ofPredefined, 31, 8, "offset");
    ml = table((modes >>> 2) & 3, src, at, length, ml, mlPredefined, 52, 9, "match length");
    if (at[0] >= length) {
      throw ZstdException.corrupt("no sequence bitstream");
    }
    BackwardBitReader bits = new BackwardBitReader(src, at[0], length);
    int llState = (int) bits.read(ll.tableLog);
    int ofState = (int) bits.read(of.tableLog);
    int mlState = (int) bits.read(ml.tableLog);
    int literalPos = 0;
    for (int i = 0; i < count; i++) {
      int ofCode = of.symbol[ofState];
      int mlCode = ml.symbol[mlState];
      int llCode = ll.symbol[llState];
      long offsetValue = (1L << ofCode) + bits.read(ofCode);
      int matchLength = ML_BASE[mlCode] + (int) bits.read(ML_BITS[mlCode]);
      int literalLength = LL_BASE[llCode] + (int) bits.read(LL_BITS[llCode]);
      if (i != count - 1) {
        llState = ll.baseline[llState] + (int) bits.read(ll.nbBits[llState]);
        mlState = ml.baseline[mlState] + (int) bits.read(ml.nbBits[mlState]);
        ofState = of.baseline[ofState] + (int) bits.read(of.nbBits[ofState]);
      }
      int offset = resolveOffset(offsetValue, literalLength);
      if (literalPos + literalLength > literalCount) {
        throw ZstdException.corrupt("sequence uses more literals than the block has");
      }
      pos = copyLiterals(window, pos, literalPos, literalLength, blockStart, maxBlock);
      literalPos += literalLength;
      if (offset > pos || offset <= 0) {
        throw ZstdException.corrupt("match offset " + offset + " before the start of the data");
      }
      if (pos - blockStart + matchLength > maxBlock) {
        throw ZstdException.corrupt("block larger than " + maxBlock + " bytes");
      }
      int from = pos - offset;
      if (offset >= matchLength) {
        System.arraycopy(window, from, window, pos, matchLength);
      } else {
        for (int k = 0; k < matchLength; k++) {
          window[pos + k] = window[from + k];
        }
      }
      pos += matchLength;
    }
    if (!bits.isComplete()) {
      throw ZstdException.corrupt("sequence bitstream size does not match its sequences");
    }
    return copyLiterals(window, pos, literalPos, literalCount - literalPos, blockStart, maxBlock);
  }

  /** The offset of a sequence, applying and updating the repeat offsets (RFC 8878 3.1.2.5). */
  private int resolveOffset(long offsetValue, int literalLength) throws ZstdException {
    if (offsetValue > 3) {
      if (offsetValue - 3 > Integer.MAX_VALUE) {
        throw ZstdException.corrupt("match offset too large");
      }
      int offset = (int) (offsetValue - 3);
      rep[2] = rep[1];
      rep[1] = rep[0];
      rep[0] = offset;
      return offset;
    }
    int index = (int) offsetValue - 1 + (literalLength == 0 ? 1 : 0);
    if (index == 0) {
      return rep[0];
    }
    int offset = index < 3 ? rep[index] : rep[0] - 1;
    if (index > 1) {
      rep[2] = rep[1];
    }
    rep[1] = rep[0];
    rep[0] = offset;
    return offset;
  }

  private int copyLiterals(byte[] window, int pos, int from, int n, int blockStart, int maxBlock)
      throws ZstdException {
    if (pos - blockStart + n > maxBlock) {
      throw ZstdException.corrupt("block larger than " + maxBlock + " bytes");
    }
    System.arraycopy(literals, from, window, pos, n);
    return pos + n;
  }

  private static FseTable table(int mode, byte[] src, int[] at, int length, FseTable previous,
      FseTable predefined, int maxSymbol, int maxLog, String name) throws ZstdException {
    return switch (mode) {
      case 0 -> predefined;
      case 1 -> {
        need(length, at[0] + 1);
        int symbol = src[at[0]++] & 0xff;
        if (symbol > maxSymbol) {
          throw ZstdException.corrupt(name + " code " + symbol);
        }
        yield FseTable.rle(symbol);
      }
      case 2 -> FseTable.read(src, at, length, maxSymbol, maxLog);
      default -> {
        if (previous == null) {
          throw ZstdException.corrupt("repeated " + name + " table without a previous one");
        }
        yield previous;
      }
    };
  }

  private static void need(int length, int n) throws ZstdException {
    if (n > length) {
      throw ZstdException.corrupt("block shorter than its headers say");
    }
  }
}
