package io.jcrun.cgroups.v1;

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
 * Reads the cgroup v1 controller directories of a container into runc's stats shape ({@code fs}
 * of runc). A controller that is not mounted reads as zero.
 */
final class V1StatsReader {
  /**
   * {@code cpuacct.stat} counts USER_HZ ticks, which the kernel ABI fixes at 100 per second on
   * every architecture jcrun runs on (x86_64, aarch64).
   */
  static final long NANOS_PER_TICK = 1_000_000_000L / 100;

  private final CgroupFiles files;

  V1StatsReader(CgroupFiles files) {
    this.files = files;
  }

  CgroupStats read(Map<String, Path> dirs) throws CgroupException {
    CgroupStats stats = CgroupStats.EMPTY.withCpu(cpu(dirs.get("cpu"), dirs.get("cpuacct")));
    if (dirs.containsKey("memory")) {
      stats = stats.withMemory(memory(dirs.get("memory")));
    }
    if (dirs.containsKey("pids")) {
      stats = stats.withPids(pids(dirs.get("pids")));
    }
    if (dirs.containsKey("blkio")) {
      stats = stats.withBlkio(blkio(dirs.get("blkio")));
    }
    if (dirs.containsKey("hugetlb")) {
      stats = stats.withHugetlb(hugetlb(dirs.get("hugetlb")));
    }
    return stats;
  }

  private long uint64(Path file, long absent) throws CgroupException {
    return files.exists(file) ? files.readUint64(file) : absent;
  }

  private Map<String, Long> flatKeyed(Path file) throws CgroupException {
    return files.exists(file) ? files.readFlatKeyed(file) : Map.of();
  }

  CgroupStats.Cpu cpu(Path cpu, Path cpuacct) throws CgroupException {
    CgroupStats.CpuUsage usage = CgroupStats.CpuUsage.EMPTY;
    if (cpuacct != null) {
      List<Long> percpu = new ArrayList<>();
      Path percpuFile = cpuacct.resolve("cpuacct.usage_percpu");
      for (String v : files.readIfExists(percpuFile).orElse("").trim().split("\\s+")) {
        if (!v.isEmpty()) {
          percpu.add(CgroupFiles.parseUint64(v, percpuFile));
        }
      }
      Map<String, Long> ticks = flatKeyed(cpuacct.resolve("cpuacct.stat"));
      usage = new CgroupStats.CpuUsage(uint64(cpuacct.resolve("cpuacct.usage"), 0), percpu,
          ticks.getOrDefault("system", 0L) * NANOS_PER_TICK,
          ticks.getOrDefault("user", 0L) * NANOS_PER_TICK);
    }
    CgroupStats.Throttling throttling = CgroupStats.Throttling.EMPTY;
    if (cpu != null) {
      Map<String, Long> s = flatKeyed(cpu.resolve("cpu.stat"));
      throttling = new CgroupStats.Throttling(s.getOrDefault("nr_periods", 0L),
          s.getOrDefault("nr_throttled", 0L), s.getOrDefault("throttled_time", 0L));
    }
    return new CgroupStats.Cpu(usage, throttling);
  }

  CgroupStats.Memory memory(Path dir) throws CgroupException {
    Map<String, Long> raw = flatKeyed(dir.resolve("memory.stat"));
    return new CgroupStats.Memory(raw.getOrDefault("cache", 0L), entry(dir, "memory"),
        entry(dir, "memory.memsw"), entry(dir, "memory.kmem"), entry(dir, "memory.kmem.tcp"), raw);
  }

  /** One {@code <prefix>.{limit_in_bytes,usage_in_bytes,max_usage_in_bytes,failcnt}} set. */
  private MemoryEntry entry(Path dir, String prefix) throws CgroupException {
    if (!files.exists(dir.resolve(prefix + ".usage_in_bytes"))) {
      // Swap and kernel accounting are optional in the kernel.
      return MemoryEntry.EMPTY;
    }
    return new MemoryEntry(uint64(dir.resolve(prefix + ".limit_in_bytes"), 0),
        uint64(dir.resolve(prefix + ".usage_in_bytes"), 0),
        uint64(dir.resolve(prefix + ".max_usage_in_bytes"), 0),
        uint64(dir.resolve(prefix + ".failcnt"), 0));
  }

  CgroupStats.Pids pids(Path dir) throws CgroupException {
    long limit = uint64(dir.resolve("pids.max"), 0);
    return new CgroupStats.Pids(uint64(dir.resolve("pids.current"), 0), limit == -1 ? 0 : limit);
  }

  /**
   * The recursive service tables: CFQ's files where CFQ exists, else BFQ's, else the throttle
   * layer's, which count every I/O whatever the scheduler (runc's order).
   */
  CgroupStats.Blkio blkio(Path dir) throws CgroupException {
    for (String prefix : List.of("blkio.", "blkio.bfq.", "blkio.throttle.")) {
      Optional<String> bytes =
          files.readIfExists(dir.resolve(prefix + "io_service_bytes_recursive"));
      if (bytes.isPresent() && !entries(bytes.get()).isEmpty()) {
        return new CgroupStats.Blkio(entries(bytes.get()), entries(
            files.readIfExists(dir.resolve(prefix + "io_serviced_recursive")).orElse("")));
      }
    }
    return CgroupStats.Blkio.EMPTY;
  }

  /** Lines {@code MAJ:MIN Op value}; the trailing {@code Total value} line has no device. */
  private static List<BlkioEntry> entries(String content) {
    List<BlkioEntry> out = new ArrayList<>();
    for (String line : content.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 3) {
        continue;
      }
      String[] device = f[0].split(":");
      if (device.length == 2) {
        out.add(new BlkioEntry(Long.parseLong(device[0]), Long.parseLong(device[1]), f[1],
            Long.parseUnsignedLong(f[2])));
      }
    }
    return out;
  }

  Map<String, CgroupStats.Hugetlb> hugetlb(Path dir) throws CgroupException {
    Map<String, CgroupStats.Hugetlb> out = new TreeMap<>();
    if (!files.exists(dir)) {
      return out;
    }
    for (String name : files.entries(dir)) {
      String suffix = ".usage_in_bytes";
      if (name.startsWith("hugetlb.") && name.endsWith(suffix) && !name.contains(".rsvd.")) {
        String size = name.substring("hugetlb.".length(), name.length() - suffix.length());
        String prefix = "hugetlb." + size;
        out.put(size, new CgroupStats.Hugetlb(uint64(dir.resolve(name), 0),
            uint64(dir.resolve(prefix + ".max_usage_in_bytes"), 0),
            uint64(dir.resolve(prefix + ".failcnt"), 0)));
      }
    }
    return out;
  }
}
