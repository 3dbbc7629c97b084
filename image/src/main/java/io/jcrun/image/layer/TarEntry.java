package io.jcrun.image.layer;

import java.util.Map;

/**
 * One tar entry's header with GNU long names and PAX records already applied. Names are as the
 * archive has them (untrusted, uncleaned). Times are nanoseconds since the epoch; {@code
 * atimeNanos} is -1 when the archive has none. Xattr values are raw bytes.
 */
public record TarEntry(
    String name,
    TarEntryType type,
    int mode,
    long uid,
    long gid,
    long size,
    long mtimeNanos,
    long atimeNanos,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs) {

  public TarEntry {
    xattrs = Map.copyOf(xattrs);
  }
}
