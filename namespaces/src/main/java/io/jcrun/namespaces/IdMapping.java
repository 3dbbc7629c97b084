package io.jcrun.namespaces;

/** One line of a uid_map or gid_map: {@code size} ids from {@code containerId} map to {@code hostId}. */
public record IdMapping(long containerId, long hostId, long size) {
  public IdMapping {
    if (containerId < 0 || hostId < 0 || size <= 0 || containerId + size > 0x1_0000_0000L
        || hostId + size > 0x1_0000_0000L) {
      throw new IllegalArgumentException("invalid id mapping " + containerId + " " + hostId + " "
          + size);
    }
  }

  /** The host id for {@code id} inside, or -1 when it is not mapped. */
  public static long toHost(java.util.List<IdMapping> mappings, long id) {
    for (IdMapping m : mappings) {
      if (id >= m.containerId && id < m.containerId + m.size) {
        return m.hostId + (id - m.containerId);
      }
    }
    return -1;
  }

  String line() {
    return containerId + " " + hostId + " " + size + "\n";
  }
}
