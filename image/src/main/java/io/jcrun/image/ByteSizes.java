package io.jcrun.image;

/** Renders byte counts for people: {@code 512 B}, {@code 12.3 MB} (decimal units, as docker). */
final class ByteSizes {
  private ByteSizes() {}

  static String format(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format("%.1f %s", value, units[unit]);
  }
}
