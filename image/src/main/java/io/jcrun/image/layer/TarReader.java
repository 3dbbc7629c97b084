package io.jcrun.image.layer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.LayerException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams a tar archive (ustar, GNU and PAX formats, as Go's {@code archive/tar} reads them) one
 * entry at a time: GNU long names ({@code L}, {@code K}) and PAX records ({@code x}, {@code g})
 * are folded into the next entry. Content is read through {@link #transferTo} before the next
 * call to {@link #next()}, which skips whatever was left. Not thread-safe.
 */
public final class TarReader implements Closeable {
  private static final int BLOCK = 512;
  /** The most a long name or a PAX header may hold, as Go's {@code maxSpecialFileSize}. */
  private static final int MAX_SPECIAL = 1 << 20;

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int limit;
  private long offset;
  private long remaining;
  private long padding;
  private String current = "";
  private final Map<String, byte[]> globalPax = new HashMap<>();
  private boolean ended;

  public TarReader(InputStream in) {
    this(in, 1 << 20);
  }

  public TarReader(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[Math.max(bufferSize, 4 * BLOCK)];
  }

  /** The next entry, or null at the end-of-archive marker or at a clean end of the stream. */
  public TarEntry next() throws IOException {
    if (ended) {
      return null;
    }
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    Map<String, byte[]> pax = new HashMap<>(globalPax);
    String longName = null;
    String longLink = null;
    while (true) {
      long headerOffset = offset;
      if (!ensure(BLOCK)) {
        if (limit - pos == 0) {
          ended = true; // no end-of-archive marker; Go's reader accepts this too
          return null;
        }
        throw truncated("header at offset " + headerOffset);
      }
      if (isZeroBlock()) {
        consume(BLOCK);
        ended = true;
        return null;
      }
      verifyChecksum(headerOffset);
      byte[] h = buf;
      int o = pos;
      char type = (char) h[o + 156];
      long size = parseNumeric(h, o + 124, 12, "size", headerOffset);
      if (size < 0) {
        throw new LayerException("read tar: header at offset " + headerOffset + ": negative size");
      }
      Header header = new Header(h, o, headerOffset);
      consume(BLOCK);
      switch (type) {
        case 'x' -> PaxRecords.merge(pax, readSpecial(size, headerOffset));
        case 'g' -> {
          byte[] records = readSpecial(size, headerOffset);
          PaxRecords.merge(globalPax, records);
          PaxRecords.merge(pax, records);
        }
        case 'L' -> longName = cString(readSpecial(size, headerOffset));
        case 'K' -> longLink = cString(readSpecial(size, headerOffset));
        default -> {
          return entry(type, size, header, pax, longName, longLink);
        }
      }
    }
  }

  private TarEntry entry(char type, long headerSize, Header header, Map<String, byte[]> pax,
      String longName, String longLink) throws IOException {
    String name = longName != null ? longName
        : pax.containsKey("path") ? string(pax.get("path")) : header.name();
    current = name;
    for (String key : pax.keySet()) {
      if (key.startsWith("GNU.sparse.")) {
        throw new LayerException("read tar entry " + name + ": sparse files are not supported");
      }
    }
    String linkName = longLink != null ? longLink
        : pax.containsKey("linkpath") ? string(pax.get("linkpath")) : header.field(157, 100);
    long size = pax.containsKey("size") ? PaxRecords.parseLong(pax.get("size"), "size", name)
        : headerSize;
    TarEntryType entryType = switch (type) {
      case '0', '\0', '7' -> name.endsWith("/") ? TarEntryType.DIRECTORY : TarEntryType.REGULAR;
      case '1' -> TarEntryType.HARDLINK;
      case '2' -> TarEntryType.SYMLINK;
      case '3' -> TarEntryType.CHAR_DEVICE;
      case '4' -> TarEntryType.BLOCK_DEVICE;
      case '5', 'D' -> TarEntryType.DIRECTORY;
      case '6' -> TarEntryType.FIFO;
      case 'S' -> throw new LayerException(
          "read tar entry " + name + ": GNU sparse files are not supported");
      default -> throw new LayerException(
          "read tar entry " + name + ": unsupported entry type '" + type + "'");
    };
    // Go's isHeaderOnlyType: these carry no content whatever the size field says. A GNU dump
    // dir ('D') lists names in its content; it is skipped.
    boolean hasContent = entryType == TarEntryType.REGULAR || type == 'D';
    remaining = hasContent ? size : 0;
    padding = hasContent ? (BLOCK - size % BLOCK) % BLOCK : 0;
    long uid = pax.containsKey("uid") ? PaxRecords.parseLong(pax.get("uid"), "uid", name)
        : header.number(108, 8, "uid");
    long gid = pax.containsKey("gid") ? PaxRecords.parseLong(pax.get("gid"), "gid", name)
        : header.number(116, 8, "gid");
    long mtime = pax.containsKey("mtime") ? PaxRecords.parseTime(pax.get("mtime"), "mtime", name)
        : header.number(136, 12, "mtime") * 1_000_000_000L;
    long atime = pax.containsKey("atime") ? PaxRecords.parseTime(pax.get("atime"), "atime", name)
        : header.gnuAtime();
    return new TarEntry(
        name,
        entryType,
        (int) (header.number(100, 8, "mode") & 07777),
        uid,
        gid,
        entryType == TarEntryType.REGULAR ? size : 0,
        mtime,
        atime,
        linkName,
        (int) header.number(329, 8, "devmajor"),
        (int) header.number(337, 8, "devminor"),
        PaxRecords.xattrs(pax));
  }

  /** Copies the current entry's remaining content to {@code out}; returns the bytes copied. */
  public long transferTo(WritableByteChannel out) throws IOException {
    long copied = 0;
    while (remaining > 0) {
      if (pos == limit && !refill()) {
        throw truncated("content of entry " + current);
      }
      int n = (int) Math.min(limit - pos, remaining);
      ByteBuffer chunk = ByteBuffer.wrap(buf, pos, n);
      while (chunk.hasRemaining()) {
        out.write(chunk);
      }
      consume(n);
      remaining -= n;
      copied += n;
    }
    return copied;
  }

  /** Reads the rest of the underlying stream, so that a digest over it covers every byte. */
  public void drain() throws IOException {
    pos = limit;
    while (in.read(buf, 0, buf.length) >= 0) {
      // discard: only the digest of what was read matters
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private byte[] readSpecial(long size, long headerOffset) throws IOException {
    if (size > MAX_SPECIAL) {
      throw new LayerException("read tar: header at offset " + headerOffset + ": a long name or"
          + " PAX header of " + size + " bytes is larger than the " + MAX_SPECIAL + " allowed");
    }
    byte[] out = new byte[(int) size];
    int done = 0;
    while (done < out.length) {
      if (pos == limit && !refill()) {
        throw truncated("header at offset " + headerOffset);
      }
      int n = Math.min(limit - pos, out.length - done);
      System.arraycopy(buf, pos, out, done, n);
      consume(n);
      done += n;
    }
    skip((BLOCK - size % BLOCK) % BLOCK);
    return out;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      if (pos == limit && !refill()) {
        throw truncated("content of entry " + current);
      }
      int step = (int) Math.min(limit - pos, n);
      consume(step);
      n -= step;
    }
  }

  private void consume(int n) {
    pos += n;
    offset += n;
  }

  /** Reads more after everything buffered was consumed; false at the end of the stream. */
  private boolean refill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    pos = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  /** Makes {@code n} bytes available from {@code pos}; false when the stream ends first. */
  private boolean ensure(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    limit -= pos;
    pos = 0;
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        return false;
      }
      limit += r;
    }
    return true;
  }

  private boolean isZeroBlock() {
    for (int i = pos; i < pos + BLOCK; i++) {
      if (buf[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private void verifyChecksum(long headerOffset) throws LayerException {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : buf[pos + i];
      unsigned += b & 0xff;
      signed += b;
    }
    long stored = parseNumeric(buf, pos + 148, 8, "checksum", headerOffset);
    if (stored != unsigned && stored != signed) {
      throw new LayerException("read tar: header at offset " + headerOffset
          + ": checksum mismatch (not a tar archive, or corrupted)");
    }
  }

  private LayerException truncated(String where) {
    return new LayerException("read tar: unexpected end of archive in " + where);
  }

  /** A numeric field: octal text, or GNU base-256 when the top bit of the first byte is set. */
  static long parseNumeric(byte[] b, int off, int len, String field, long headerOffset)
      throws LayerException {
    if ((b[off] & 0x80) != 0) {
      long v = (b[off] & 0x40) != 0 ? -1L : 0L; // bit 6 is the sign of the two's complement
      v = (v << 6) | (b[off] & 0x3f);
      for (int i = 1; i < len; i++) {
        if ((v >> 55) != 0 && (v >> 55) != -1) {
          throw new LayerException("read tar: header at offset " + headerOffset + ": " + field
              + " overflows 64 bits");
        }
        v = (v << 8) | (b[off + i] & 0xff);
      }
      return v;
    }
    int start = off;
    int end = off + len;
    while (start < end && (b[start] == ' ' || b[start] == 0)) {
      start++;
    }
    while (end > start && (b[end - 1] == ' ' || b[end - 1] == 0)) {
      end--;
    }
    long v = 0;
    for (int i = start; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 7) {
        throw new LayerException("read tar: header at offset " + headerOffset + ": " + field
            + " \"" + new String(b, off, len, UTF_8).replace("\0", "") + "\" is not octal");
      }
      v = (v << 3) | d;
    }
    return v;
  }

  private static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, UTF_8);
  }

  /** A copy of one 512-byte header, read lazily. */
  private static final class Header {
    private final byte[] h = new byte[BLOCK];
    private final long offset;

    Header(byte[] buf, int pos, long offset) {
      System.arraycopy(buf, pos, h, 0, BLOCK);
      this.offset = offset;
    }

    String field(int off, int len) {
      int n = 0;
      while (n < len && h[off + n] != 0) {
        n++;
      }
      return new String(h, off, n, UTF_8);
    }

    long number(int off, int len, String name) throws LayerException {
      return parseNumeric(h, off, len, name, offset);
    }

    private boolean isUstar() {
      return h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r'
          && h[262] == 0;
    }

    private boolean isGnu() {
      return h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r'
          && h[262] == ' ' && h[263] == ' ';
    }

    /** The name, joined with the ustar prefix; star archives have a shorter prefix. */
    String name() {
      String name = field(0, 100);
      if (!isUstar()) {
        return name;
      }
      boolean star = h[508] == 't' && h[509] == 'a' && h[510] == 'r' && h[511] == 0;
      String prefix = field(345, star ? 131 : 155);
      return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The old GNU format keeps the access time where ustar has the prefix; -1 when absent. */
    long gnuAtime() throws LayerException {
      if (!isGnu()) {
        return -1;
      }
      long atime = number(345, 12, "atime");
      return atime == 0 ? -1 : atime * 1_000_000_000L;
    }
  }
}
