package io.jcrun.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Builds tar archives in tests, entry by entry, so fixtures are readable code and never binary
 * files: {@code TarBuilder.create().dir("a/").file("a/.wh.b", "").build()}. Names longer than
 * ustar's 100 bytes are written as PAX records, GNU long names or a ustar prefix.
 */
public final class TarBuilder {
  /** How names longer than 100 bytes are written. */
  public enum LongNames { PAX, GNU, USTAR_PREFIX }

  /** Attributes of one entry, changed by the optional {@code Consumer} of each method. */
  public static final class Entry {
    int mode;
    long uid;
    long gid;
    long mtime = 1_700_000_000L;
    final Map<String, byte[]> xattrs = new LinkedHashMap<>();
    final Map<String, String> pax = new LinkedHashMap<>();

    public Entry mode(int mode) {
      this.mode = mode;
      return this;
    }

    public Entry owner(long uid, long gid) {
      this.uid = uid;
      this.gid = gid;
      return this;
    }

    public Entry mtime(long seconds) {
      this.mtime = seconds;
      return this;
    }

    public Entry xattr(String name, String value) {
      xattrs.put(name, value.getBytes(UTF_8));
      return this;
    }

    /** An extra PAX record for this entry, e.g. {@code mtime} with a fraction. */
    public Entry pax(String key, String value) {
      pax.put(key, value);
      return this;
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private LongNames longNames = LongNames.PAX;

  public static TarBuilder create() {
    return new TarBuilder();
  }

  public TarBuilder longNames(LongNames style) {
    this.longNames = style;
    return this;
  }

  public TarBuilder dir(String name) {
    return dir(name, e -> {});
  }

  public TarBuilder dir(String name, Consumer<Entry> attributes) {
    return add('5', name, "", new byte[0], 0755, attributes, 0, 0);
  }

  public TarBuilder file(String name, String content) {
    return file(name, content.getBytes(UTF_8), e -> {});
  }

  public TarBuilder file(String name, String content, Consumer<Entry> attributes) {
    return file(name, content.getBytes(UTF_8), attributes);
  }

  public TarBuilder file(String name, byte[] content, Consumer<Entry> attributes) {
    return add('0', name, "", content, 0644, attributes, 0, 0);
  }

  public TarBuilder symlink(String name, String target) {
    return symlink(name, target, e -> {});
  }

  public TarBuilder symlink(String name, String target, Consumer<Entry> attributes) {
    return add('2', name, target, new byte[0], 0777, attributes, 0, 0);
  }

  public TarBuilder hardlink(String name, String target) {
    return add('1', name, target, new byte[0], 0644, e -> {}, 0, 0);
  }

  public TarBuilder charDevice(String name, int major, int minor) {
    return charDevice(name, major, minor, e -> {});
  }

  public TarBuilder charDevice(String name, int major, int minor, Consumer<Entry> attributes) {
    return add('3', name, "", new byte[0], 0666, attributes, major, minor);
  }

  public TarBuilder blockDevice(String name, int major, int minor) {
    return add('4', name, "", new byte[0], 0660, e -> {}, major, minor);
  }

  public TarBuilder fifo(String name) {
    return add('6', name, "", new byte[0], 0644, e -> {}, 0, 0);
  }

  /** An entry of any type flag, for entries the other methods do not make. */
  public TarBuilder raw(char type, String name, String link, byte[] content) {
    return add(type, name, link, content, 0644, e -> {}, 0, 0);
  }

  private TarBuilder add(char type, String name, String link, byte[] content, int mode,
      Consumer<Entry> attributes, int major, int minor) {
    Entry e = new Entry();
    e.mode = mode;
    attributes.accept(e);
    Map<String, String> pax = new LinkedHashMap<>(e.pax);
    Map<String, byte[]> rawPax = new LinkedHashMap<>();
    e.xattrs.forEach((k, v) -> rawPax.put("SCHILY.xattr." + k, v));
    String headerName = name;
    String prefix = "";
    if (utf8(name).length > 100) {
      switch (longNames) {
        case PAX -> {
          pax.put("path", name);
          headerName = name.substring(0, 50);
        }
        case GNU -> {
          writeHeader('L', "././@LongLink", "", utf8(name).length + 1, 0644, 0, 0, 0, "", 0, 0);
          writeContent(concat(utf8(name), new byte[] {0}));
          headerName = name.substring(0, 100);
        }
        case USTAR_PREFIX -> {
          int slash = name.lastIndexOf('/', name.length() - 2);
          prefix = name.substring(0, slash);
          headerName = name.substring(slash + 1);
        }
      }
    }
    if (utf8(link).length > 100) {
      if (longNames == LongNames.GNU) {
        writeHeader('K', "././@LongLink", "", utf8(link).length + 1, 0644, 0, 0, 0, "", 0, 0);
        writeContent(concat(utf8(link), new byte[] {0}));
      } else {
        pax.put("linkpath", link);
      }
      link = link.substring(0, 100);
    }
    if (!pax.isEmpty() || !rawPax.isEmpty()) {
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      pax.forEach((k, v) -> records.writeBytes(paxRecord(k, utf8(v))));
      rawPax.forEach((k, v) -> records.writeBytes(paxRecord(k, v)));
      byte[] data = records.toByteArray();
      writeHeader('x', "PaxHeaders/" + headerName, "", data.length, 0644, 0, 0, 0, "", 0, 0);
      writeContent(data);
    }
    writeHeader(type, headerName, link, content.length, e.mode, e.uid, e.gid, e.mtime, prefix,
        major, minor);
    writeContent(content);
    return this;
  }

  private static byte[] paxRecord(String key, byte[] value) {
    byte[] body = concat(utf8(" " + key + "="), concat(value, new byte[] {'\n'}));
    int length = body.length + 1;
    while (String.valueOf(length).length() + body.length != length) {
      length++;
    }
    return concat(utf8(String.valueOf(length)), body);
  }

  private void writeHeader(char type, String name, String link, long size, int mode, long uid,
      long gid, long mtime, String prefix, int major, int minor) {
    byte[] h = new byte[512];
    put(h, 0, 100, utf8(name));
    octal(h, 100, 8, mode);
    number(h, 108, 8, uid);
    number(h, 116, 8, gid);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = (byte) type;
    put(h, 157, 100, utf8(link));
    put(h, 257, 6, utf8("ustar\0"));
    put(h, 263, 2, utf8("00"));
    put(h, 265, 32, utf8("root"));
    put(h, 297, 32, utf8("root"));
    octal(h, 329, 8, major);
    octal(h, 337, 8, minor);
    put(h, 345, 155, utf8(prefix));
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, utf8(String.format("%06o\0 ", sum)));
    out.writeBytes(h);
  }

  private void writeContent(byte[] content) {
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
  }

  private static void put(byte[] h, int off, int len, byte[] value) {
    if (value.length > len) {
      throw new IllegalArgumentException("field too long: " + new String(value, UTF_8));
    }
    System.arraycopy(value, 0, h, off, value.length);
  }

  private static void octal(byte[] h, int off, int len, long value) {
    put(h, off, len, utf8(String.format("%0" + (len - 1) + "o", value) + "\0"));
  }

  /** Octal when it fits, GNU base-256 otherwise (large uids). */
  private static void number(byte[] h, int off, int len, long value) {
    if (value < (1L << (3 * (len - 1)))) {
      octal(h, off, len, value);
      return;
    }
    for (int i = len - 1; i > 0; i--) {
      h[off + i] = (byte) value;
      value >>>= 8;
    }
    h[off] = (byte) 0x80;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** The archive with its end-of-archive marker (two zero blocks). */
  public byte[] build() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  /** The archive cut off without an end marker. */
  public byte[] buildWithoutEndMarker() {
    return out.toByteArray();
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }
}
