package io.jcrun.image.layer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.LayerException;
import java.net.URLDecoder;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses PAX extended header records ({@code "<length> <key>=<value>\n"}) and the values jcrun
 * uses: numbers, fractional times and xattrs ({@code SCHILY.xattr.*}, raw bytes, and libarchive's
 * {@code LIBARCHIVE.xattr.*}, a URL-encoded name and a base64 value).
 */
final class PaxRecords {
  private static final String SCHILY_XATTR = "SCHILY.xattr.";
  private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

  private PaxRecords() {}

  /** Adds the records of {@code data} to {@code into}; an empty value deletes the key (POSIX). */
  static void merge(Map<String, byte[]> into, byte[] data) throws LayerException {
    int i = 0;
    while (i < data.length) {
      if (data[i] == 0) {
        break; // some writers pad the header with NULs
      }
      int space = i;
      long length = 0;
      while (space < data.length && data[space] != ' ') {
        int d = data[space] - '0';
        if (d < 0 || d > 9 || length > data.length) {
          throw malformed();
        }
        length = length * 10 + d;
        space++;
      }
      long end = i + length;
      if (space == i || space >= data.length || end > data.length || end <= space + 1
          || data[(int) end - 1] != '\n') {
        throw malformed();
      }
      int eq = space + 1;
      while (eq < end - 1 && data[eq] != '=') {
        eq++;
      }
      if (eq >= end - 1 && data[eq] != '=') {
        throw malformed();
      }
      String key = new String(data, space + 1, eq - space - 1, UTF_8);
      byte[] value = Arrays.copyOfRange(data, eq + 1, (int) end - 1);
      if (value.length == 0) {
        into.remove(key);
      } else {
        into.put(key, value);
      }
      i = (int) end;
    }
  }

  private static LayerException malformed() {
    return new LayerException("read tar: malformed PAX header record");
  }

  static long parseLong(byte[] value, String key, String entry) throws LayerException {
    try {
      return Long.parseLong(new String(value, UTF_8));
    } catch (NumberFormatException e) {
      throw new LayerException("read tar entry " + entry + ": PAX " + key + " \""
          + new String(value, UTF_8) + "\" is not a number");
    }
  }

  /** {@code 1700000000.123456789} (or negative) to nanoseconds since the epoch. */
  static long parseTime(byte[] value, String key, String entry) throws LayerException {
    String s = new String(value, UTF_8);
    try {
      boolean negative = s.startsWith("-");
      String digits = negative ? s.substring(1) : s;
      int dot = digits.indexOf('.');
      long seconds = Long.parseLong(dot < 0 ? digits : digits.substring(0, dot));
      long nanos = 0;
      if (dot >= 0) {
        String fraction = (digits.substring(dot + 1) + "000000000").substring(0, 9);
        if (!fraction.chars().allMatch(Character::isDigit)) {
          throw new NumberFormatException(s);
        }
        nanos = Long.parseLong(fraction);
      }
      long total = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
      return negative ? -total : total;
    } catch (NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException e) {
      throw new LayerException("read tar entry " + entry + ": PAX " + key + " \"" + s
          + "\" is not a time");
    }
  }

  /** The xattrs the records carry, by attribute name. */
  static Map<String, byte[]> xattrs(Map<String, byte[]> pax) throws LayerException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (var e : pax.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(SCHILY_XATTR)) {
        out.put(key.substring(SCHILY_XATTR.length()), e.getValue());
      } else if (key.startsWith(LIBARCHIVE_XATTR)) {
        String name = URLDecoder.decode(
            key.substring(LIBARCHIVE_XATTR.length()).replace("+", "%2B"), UTF_8);
        try {
          out.putIfAbsent(name, Base64.getMimeDecoder().decode(e.getValue()));
        } catch (IllegalArgumentException bad) {
          throw new LayerException("read tar: PAX " + key + " is not base64");
        }
      }
    }
    return out;
  }
}
