package io.jcrun.linux;

/** The {@code O_*} flags of open(2) on x86_64 and aarch64, and the {@code AT_*} flags. */
public final class OpenFlags {
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_RDWR = 2;
  public static final int O_CREAT = 0100;
  public static final int O_EXCL = 0200;
  public static final int O_NOCTTY = 0400;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_DIRECTORY = 0200000;
  public static final int O_NOFOLLOW = 0400000;
  public static final int O_CLOEXEC = 02000000;
  public static final int O_PATH = 010000000;

  public static final int AT_SYMLINK_NOFOLLOW = 0x100;
  public static final int AT_REMOVEDIR = 0x200;
  public static final int AT_SYMLINK_FOLLOW = 0x400;
  public static final int AT_EMPTY_PATH = 0x1000;
  public static final int AT_RECURSIVE = 0x8000;

  public static final int S_IFMT = 0170000;
  public static final int S_IFIFO = 0010000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFDIR = 0040000;
  public static final int S_IFBLK = 0060000;
  public static final int S_IFREG = 0100000;
  public static final int S_IFLNK = 0120000;

  private static final String[][] NAMES = {
    {"O_WRONLY", "1"}, {"O_RDWR", "2"}, {"O_CREAT", "64"}, {"O_EXCL", "128"},
    {"O_NOCTTY", "256"}, {"O_TRUNC", "512"}, {"O_APPEND", "1024"}, {"O_NONBLOCK", "2048"},
    {"O_DIRECTORY", "65536"}, {"O_NOFOLLOW", "131072"}, {"O_CLOEXEC", "524288"},
    {"O_PATH", "2097152"},
  };

  private OpenFlags() {}

  /** {@code O_PATH|O_CLOEXEC}-style rendering; {@code O_RDONLY} when nothing is set. */
  public static String render(int flags) {
    StringBuilder sb = new StringBuilder();
    for (String[] n : NAMES) {
      int v = Integer.parseInt(n[1]);
      if ((flags & v) == v) {
        sb.append(sb.isEmpty() ? "" : "|").append(n[0]);
        flags &= ~v;
      }
    }
    if (flags != 0) {
      sb.append(sb.isEmpty() ? "" : "|").append("0").append(Integer.toOctalString(flags));
    }
    return sb.isEmpty() ? "O_RDONLY" : sb.toString();
  }
}
