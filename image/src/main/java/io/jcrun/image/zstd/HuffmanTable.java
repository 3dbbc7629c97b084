package io.jcrun.image.zstd;

/**
 * A Huffman decoding table for literals (RFC 8878 4.2): indexed by the next {@code maxBits} bits
 * of a backward stream, it gives the symbol and how many of those bits its code used.
 */
final class HuffmanTable {
  private static final int MAX_BITS = 11;

  private final int maxBits;
  private final byte[] symbols;
  private final byte[] lengths;
  /** Bytes of the tree description this table was read from. */
  final int descriptionSize;

  private HuffmanTable(int maxBits, byte[] symbols, byte[] lengths, int descriptionSize) {
    this.maxBits = maxBits;
    this.symbols = symbols;
    this.lengths = lengths;
    this.descriptionSize = descriptionSize;
  }

  /** Reads a Huffman tree description at {@code off} (RFC 8878 4.2.1). */
  static HuffmanTable read(byte[] src, int off, int end) throws ZstdException {
    if (off >= end) {
      throw ZstdException.corrupt("missing Huffman tree description");
    }
    int header = src[off] & 0xff;
    int[] weights = new int[256];
    int count;
    int size;
    if (header < 128) {
      size = 1 + header;
      if (off + size > end) {
        throw ZstdException.corrupt("Huffman tree description past the block");
      }
      count = fseWeights(src, off + 1, off + size, weights);
    } else {
      count = header - 127;
      size = 1 + (count + 1) / 2;
      if (off + size > end) {
        throw ZstdException.corrupt("Huffman tree description past the block");
      }
      for (int i = 0; i < count; i++) {
        int b = src[off + 1 + i / 2] & 0xff;
        weights[i] = i % 2 == 0 ? b >>> 4 : b & 0xf;
      }
    }
    return fromWeights(weights, count, size);
  }

  /** Weights compressed with FSE: two interleaved states until the stream runs out. */
  private static int fseWeights(byte[] src, int start, int end, int[] weights)
      throws ZstdException {
    int[] at = {start};
    FseTable table = FseTable.read(src, at, end, 255, 6);
    BackwardBitReader bits = new BackwardBitReader(src, at[0], end);
    int state1 = (int) bits.read(table.tableLog);
    int state2 = (int) bits.read(table.tableLog);
    int n = 0;
    while (true) {
      if (n > 253) {
        throw ZstdException.corrupt("too many Huffman weights");
      }
      weights[n++] = table.symbol[state1];
      state1 = table.baseline[state1] + (int) bits.read(table.nbBits[state1]);
      if (bits.overflowed()) {
        weights[n++] = table.symbol[state2];
        break;
      }
      weights[n++] = table.symbol[state2];
      state2 = table.baseline[state2] + (int) bits.read(table.nbBits[state2]);
      if (bits.overflowed()) {
        weights[n++] = table.symbol[state1];
        break;
      }
    }
    return n;
  }

  /** The last weight is implied: the one that completes the sum to a power of two. */
  private static HuffmanTable fromWeights(int[] weights, int count, int descriptionSize)
      throws ZstdException {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      if (weights[i] > MAX_BITS) {
        throw ZstdException.corrupt("Huffman weight " + weights[i]);
      }
      sum += weights[i] == 0 ? 0 : 1L << (weights[i] - 1);
    }
    if (sum == 0) {
      throw ZstdException.corrupt("Huffman weights are all zero");
    }
    int maxBits = 64 - Long.numberOfLeadingZeros(sum);
    long leftover = (1L << maxBits) - sum;
    if (maxBits > MAX_BITS || (leftover & (leftover - 1)) != 0) {
      throw ZstdException.corrupt("Huffman weights do not form a prefix code");
    }
    weights[count] = 64 - Long.numberOfLeadingZeros(leftover);
    int symbolCount = count + 1;
    int[] lengthOf = new int[symbolCount];
    int[] perLength = new int[MAX_BITS + 2];
    for (int s = 0; s < symbolCount; s++) {
      lengthOf[s] = weights[s] == 0 ? 0 : maxBits + 1 - weights[s];
      perLength[lengthOf[s]]++;
    }
    // Longest codes first, each length's symbols in symbol order, every code spanning the table
    // entries its unused low bits can take.
    int[] next = new int[MAX_BITS + 2];
    int position = 0;
    for (int length = maxBits; length >= 1; length--) {
      next[length] = position;
      position += perLength[length] << (maxBits - length);
    }
    int size = 1 << maxBits;
    if (position != size) {
      throw ZstdException.corrupt("Huffman code does not fill its table");
    }
    byte[] symbols = new byte[size];
    byte[] lengths = new byte[size];
    for (int s = 0; s < symbolCount; s++) {
      int length = lengthOf[s];
      if (length == 0) {
        continue;
      }
      int span = 1 << (maxBits - length);
      int from = next[length];
      for (int i = from; i < from + span; i++) {
        symbols[i] = (byte) s;
        lengths[i] = (byte) length;
      }
      next[length] += span;
    }
    return new HuffmanTable(maxBits, symbols, lengths, descriptionSize);
  }

  /** Decodes exactly {@code count} literals of the stream {@code [start, end)} into {@code out}. */
  void decodeStream(byte[] src, int start, int end, byte[] out, int outOff, int count)
      throws ZstdException {
    BackwardBitReader bits = new BackwardBitReader(src, start, end);
    for (int i = 0; i < count; i++) {
      int index = (int) bits.peek(maxBits);
      out[outOff + i] = symbols[index];
      bits.skip(lengths[index]);
    }
    if (!bits.isComplete()) {
      throw ZstdException.corrupt("Huffman stream size does not match its literals");
    }
  }
}
