package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupStats;
import io.jcrun.cgroups.CgroupStats.BlkioEntry;
import io.jcrun.cgroups.CgroupStats.MemoryEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a cgroup v2 directory into runc's stats shape ({@code fs2} of runc): times from
 * microseconds to nanoseconds, {@code io.stat} mapped onto blkio's tables, swap reported as memory
 * plus swap like cgroup v1. A controller whose files are missing (not enabled) reads as zero.
 */
final class V2StatsReader {
  private final CgroupFiles files;

  V2StatsReader(CgroupFiles files) {
    this.files = files;
  }

  CgroupStats read(Path dir) throws CgroupException {
    return CgroupStats.EMPTY
        .withCpu(cpu(dir))
        .withMemory(memory(dir))
        .withPids(pids(dir))
        .withBlkio(io(dir))
        .withHugetlb(hugetlb(dir));
  }

  private Map<String, Long> flatKeyed(Path file) throws CgroupException {
    return files.exists(file) ? files.readFlatKeyed(file) : Map.of();
  }

  private long uint64(Path file, long absent) throws CgroupException {
    return files.exists(file) ? files.readUint64(file) : absent;
  }

  CgroupStats.Cpu cpu(Path dir) throws CgroupException {
    Map<String, Long> s = flatKeyed(dir.resolve("cpu.stat"));
    return new CgroupStats.Cpu(
        new CgroupStats.CpuUsage(s.getOrDefault("usage_usec", 0L) * 1000, List.of(),
            s.getOrDefault("system_usec", 0L) * 1000, s.getOrDefault("user_usec", 0L) * 1000),
        new CgroupStats.Throttling(s.getOrDefault("nr_periods", 0L),
            s.getOrDefault("nr_throttled", 0L), s.getOrDefault("throttled_usec", 0L) * 1000));
  }

  CgroupStats.Memory memory(Path dir) throws CgroupException {
    Map<String, Long> raw = flatKeyed(dir.resolve("memory.stat"));
    if (raw.isEmpty()) {
      return CgroupStats.Memory.EMPTY;
    }
    long limit = uint64(dir.resolve("memory.max"), 0);
    // memory.events "max" counts the times usage hit memory.max: v1's failcnt.
    MemoryEntry usage = new MemoryEntry(limit, uint64(dir.resolve("memory.current"), 0),
        uint64(dir.resolve("memory.peak"), 0),
        flatKeyed(dir.resolve("memory.events")).getOrDefault("max", 0L));
    MemoryEntry swap = MemoryEntry.EMPTY;
    if (files.exists(dir.resolve("memory.swap.current"))) {
      long swapLimit = uint64(dir.resolve("memory.swap.max"), -1);
      // Reported as memory plus swap, as cgroup v1 did and runc does.
      swap = new MemoryEntry(swapLimit == -1 || limit == -1 ? -1 : swapLimit + limit,
          uint64(dir.resolve("memory.swap.current"), 0) + usage.usage(), 0,
          flatKeyed(dir.resolve("memory.swap.events")).getOrDefault("max", 0L));
    }
    return new CgroupStats.Memory(raw.getOrDefault("file", 0L), usage, swap, MemoryEntry.EMPTY,
        MemoryEntry.EMPTY, raw);
  }

  CgroupStats.Pids pids(Path dir) throws CgroupException {
    long limit = uint64(dir.resolve("pids.max"), 0);
    return new CgroupStats.Pids(uint64(dir.resolve("pids.current"), 0), limit == -1 ? 0 : limit);
  }

  CgroupStats.Blkio io(Path dir) throws CgroupException {
    List<BlkioEntry> bytes = new ArrayList<>();
    List<BlkioEntry> ios = new ArrayList<>();
    Optional<String> stat = files.readIfExists(dir.resolve("io.stat"));
    for (String line : stat.orElse("").split("\n")) {
      String[] fields = line.trim().split("\\s+");
      String[] device = fields[0].split(":");
      if (device.length != 2) {
        continue;
      }
      long major = Long.parseLong(device[0]);
      long minor = Long.parseLong(device[1]);
      for (int i = 1; i < fields.length; i++) {
        String[] kv = fields[i].split("=", 2);
        if (kv.length != 2) {
          continue;
        }
        long value = CgroupFiles.parseUint64(kv[1], dir.resolve("io.stat"));
        switch (kv[0]) {
          case "rbytes" -> bytes.add(new BlkioEntry(major, minor, "Read", value));
          case "wbytes" -> bytes.add(new BlkioEntry(major, minor, "Write", value));
          case "rios" -> ios.add(new BlkioEntry(major, minor, "Read", value));
          case "wios" -> ios.add(new BlkioEntry(major, minor, "Write", value));
          default -> {
            // dbytes, dios and the iocost keys have no blkio table.
          }
        }
      }
    }
    return new CgroupStats.Blkio(bytes, ios);
  }

  Map<String, CgroupStats.Hugetlb> hugetlb(Path dir) throws CgroupException {
    Map<String, CgroupStats.Hugetlb> out = new TreeMap<>();
    if (!files.exists(dir)) {
      return out;
    }
    for (String name : files.entries(dir)) {
      if (name.startsWith("hugetlb.") && name.endsWith(".current") && !name.contains(".rsvd.")) {
        String size = name.substring("hugetlb.".length(), name.length() - ".current".length());
        out.put(size, new CgroupStats.Hugetlb(uint64(dir.resolve(name), 0), 0,
            flatKeyed(dir.resolve("hugetlb." + size + ".events")).getOrDefault("max", 0L)));
      }
    }
    return out;
  }
}
