package io.jcrun.runtime.process;

/** {@code cfmakeraw} on a raw {@code struct termios} (glibc layout on Linux, 60 bytes). */
final class Termios {
  private static final int IFLAG = 0;
  private static final int OFLAG = 4;
  private static final int CFLAG = 8;
  private static final int LFLAG = 12;
  private static final int CC = 17;
  private static final int VTIME = 5;
  private static final int VMIN = 6;

  private Termios() {}

  static byte[] raw(byte[] termios) {
    byte[] t = termios.clone();
    and(t, IFLAG, ~(01 | 02 | 010 | 040 | 0100 | 0200 | 0400 | 02000));
    and(t, OFLAG, ~01);
    and(t, LFLAG, ~(010 | 0100 | 02 | 01 | 0100000));
    and(t, CFLAG, ~(060 | 0400));
    or(t, CFLAG, 060);
    t[CC + VMIN] = 1;
    t[CC + VTIME] = 0;
    return t;
  }

  private static int get(byte[] t, int off) {
    return (t[off] & 0xff) | (t[off + 1] & 0xff) << 8 | (t[off + 2] & 0xff) << 16
        | (t[off + 3] & 0xff) << 24;
  }

  private static void put(byte[] t, int off, int v) {
    t[off] = (byte) v;
    t[off + 1] = (byte) (v >>> 8);
    t[off + 2] = (byte) (v >>> 16);
    t[off + 3] = (byte) (v >>> 24);
  }

  private static void and(byte[] t, int off, int mask) {
    put(t, off, get(t, off) & mask);
  }

  private static void or(byte[] t, int off, int bits) {
    put(t, off, get(t, off) | bits);
  }
}
