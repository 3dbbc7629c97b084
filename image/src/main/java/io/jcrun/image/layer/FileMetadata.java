package io.jcrun.image.layer;

import java.util.Map;

/**
 * The attributes a layer entry sets: permission bits including setuid, setgid and sticky, owner,
 * times in nanoseconds since the epoch, and xattrs (raw values). Immutable.
 */
public record FileMetadata(
    int mode, int uid, int gid, long mtimeNanos, long atimeNanos, Map<String, byte[]> xattrs) {

  public FileMetadata {
    mode &= 07777;
    xattrs = Map.copyOf(xattrs);
  }
}
