package io.jcrun.image.zstd;

/**
 * An FSE decoding table (RFC 8878 4.1): for each state, the symbol it decodes and how to read the
 * next state ({@code baseline + read(nbBits)}). Built from a normalized distribution, read from a
 * table description, or a single-symbol (RLE) table.
 */
final class FseTable {
  final int tableLog;
  final int[] symbol;
  final int[] nbBits;
  final int[] baseline;

  private FseTable(int tableLog) {
    this.tableLog = tableLog;
    int size = 1 << tableLog;
    this.symbol = new int[size];
    this.nbBits = new int[size];
    this.baseline = new int[size];
  }

  /** A table that always decodes {@code value} and reads no bits. */
  static FseTable rle(int value) {
    FseTable t = new FseTable(0);
    t.symbol[0] = value;
    return t;
  }

  /** Builds the decoding table of {@code counts} (-1 is "less than one"), as RFC 8878 4.1.1. */
  static FseTable build(short[] counts, int symbols, int tableLog) throws ZstdException {
    FseTable t = new FseTable(tableLog);
    int size = 1 << tableLog;
    int high = size - 1;
    int[] next = new int[symbols];
    for (int s = 0; s < symbols; s++) {
      if (counts[s] == -1) {
        t.symbol[high--] = s;
        next[s] = 1;
      } else {
        next[s] = counts[s];
      }
    }
    int step = (size >>> 1) + (size >>> 3) + 3;
    int mask = size - 1;
    int position = 0;
    for (int s = 0; s < symbols; s++) {
      for (int i = 0; i < counts[s]; i++) {
        t.symbol[position] = s;
        do {
          position = (position + step) & mask;
        } while (position > high);
      }
    }
    if (position != 0) {
      throw ZstdException.corrupt("FSE distribution does not fill its table");
    }
    for (int state = 0; state < size; state++) {
      int s = t.symbol[state];
      int nextState = next[s]++;
      int bits = tableLog - (31 - Integer.numberOfLeadingZeros(nextState));
      t.nbBits[state] = bits;
      t.baseline[state] = (nextState << bits) - size;
    }
    return t;
  }

  /**
   * Reads an FSE table description (RFC 8878 4.1.1) at {@code at[0]}, advancing it past the
   * description, and builds the table.
   */
  static FseTable read(byte[] src, int[] at, int end, int maxSymbol, int maxLog)
      throws ZstdException {
    int start = at[0];
    long bitPos = (long) start * 8;
    long limit = (long) end * 8;
    int tableLog = (int) bits(src, bitPos, 4, limit) + 5;
    bitPos += 4;
    if (tableLog > maxLog) {
      throw ZstdException.corrupt("FSE table log " + tableLog + " exceeds " + maxLog);
    }
    short[] counts = new short[maxSymbol + 1];
    int remaining = (1 << tableLog) + 1;
    int threshold = 1 << tableLog;
    int nbBits = tableLog + 1;
    int s = 0;
    while (remaining > 1) {
      if (s > maxSymbol) {
        throw ZstdException.corrupt("FSE distribution has too many symbols");
      }
      int max = (2 * threshold - 1) - remaining;
      int value;
      int low = (int) bits(src, bitPos, nbBits - 1, limit);
      if (low < max) {
        value = low;
        bitPos += nbBits - 1;
      } else {
        value = (int) bits(src, bitPos, nbBits, limit);
        if (value >= threshold) {
          value -= max;
        }
        bitPos += nbBits;
      }
      int count = value - 1;
      remaining -= Math.abs(count);
      counts[s++] = (short) count;
      if (count == 0) {
        // Zero probability: 2-bit repeat flags say how many more zeros follow, 3 means "and more".
        while (true) {
          int repeat = (int) bits(src, bitPos, 2, limit);
          bitPos += 2;
          for (int i = 0; i < repeat; i++) {
            if (s > maxSymbol) {
              throw ZstdException.corrupt("FSE distribution has too many symbols");
            }
            counts[s++] = 0;
          }
          if (repeat != 3) {
            break;
          }
        }
      }
      while (remaining < threshold && threshold > 1) {
        nbBits--;
        threshold >>>= 1;
      }
    }
    if (remaining != 1 || bitPos > limit) {
      throw ZstdException.corrupt("FSE distribution does not add up");
    }
    at[0] = (int) ((bitPos + 7) >>> 3);
    return build(counts, s, tableLog);
  }

  /** {@code n} bits at bit position {@code pos}, little-endian; bits past {@code limit} are 0. */
  private static long bits(byte[] src, long pos, int n, long limit) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      long p = pos + i;
      if (p < limit && ((src[(int) (p >>> 3)] >>> (p & 7)) & 1) != 0) {
        v |= 1L << i;
      }
    }
    return v;
  }
}
