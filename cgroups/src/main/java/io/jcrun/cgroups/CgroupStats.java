package io.jcrun.cgroups;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a cgroup's usage, shaped like runc's {@code types.Stats} (the {@code data} of
 * {@code runc events --stats}): the component names are the JSON field names. Counters are
 * unsigned 64-bit ({@code -1L} is {@code 18446744073709551615}, cgroup v2's "max"); times are
 * nanoseconds; memory is bytes. Immutable.
 */
public record CgroupStats(Cpu cpu, Memory memory, Pids pids, Blkio blkio,
    Map<String, Hugetlb> hugetlb) {

  public static final CgroupStats EMPTY = new CgroupStats(Cpu.EMPTY, Memory.EMPTY, Pids.EMPTY,
      Blkio.EMPTY, Map.of());

  public CgroupStats {
    hugetlb = java.util.Collections.unmodifiableMap(new TreeMap<>(hugetlb));
  }

  /** {@code cpu}: usage and CFS throttling. */
  public record Cpu(CpuUsage usage, Throttling throttling) {
    public static final Cpu EMPTY = new Cpu(CpuUsage.EMPTY, Throttling.EMPTY);
  }

  /** {@code cpu.usage}: total, per CPU (cgroup v1 only), kernel and user time in nanoseconds. */
  public record CpuUsage(long total, List<Long> percpu, long kernel, long user) {
    public static final CpuUsage EMPTY = new CpuUsage(0, List.of(), 0, 0);

    public CpuUsage {
      percpu = List.copyOf(percpu);
    }
  }

  /** {@code cpu.throttling}: CFS periods, periods throttled, and the time throttled in ns. */
  public record Throttling(long periods, long throttledPeriods, long throttledTime) {
    public static final Throttling EMPTY = new Throttling(0, 0, 0);
  }

  /**
   * {@code memory}: page cache, usage of memory, memory plus swap (cgroup v1's meaning, also on
   * v2), kernel and kernel TCP memory, and the raw {@code memory.stat}.
   */
  public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel,
      MemoryEntry kernelTCP, Map<String, Long> raw) {
    public static final Memory EMPTY = new Memory(0, MemoryEntry.EMPTY, MemoryEntry.EMPTY,
        MemoryEntry.EMPTY, MemoryEntry.EMPTY, Map.of());

    public Memory {
      raw = java.util.Collections.unmodifiableMap(new TreeMap<>(raw));
    }
  }

  /** One memory counter: limit, current usage, peak usage, and how often the limit was hit. */
  public record MemoryEntry(long limit, long usage, long max, long failcnt) {
    public static final MemoryEntry EMPTY = new MemoryEntry(0, 0, 0, 0);
  }

  /** {@code pids}: tasks now and the limit (0 when unlimited, as runc reports it). */
  public record Pids(long current, long limit) {
    public static final Pids EMPTY = new Pids(0, 0);
  }

  /** {@code blkio}: bytes and I/Os per device and operation, this cgroup and its children. */
  public record Blkio(List<BlkioEntry> ioServiceBytesRecursive,
      List<BlkioEntry> ioServicedRecursive) {
    public static final Blkio EMPTY = new Blkio(List.of(), List.of());

    public Blkio {
      ioServiceBytesRecursive = List.copyOf(ioServiceBytesRecursive);
      ioServicedRecursive = List.copyOf(ioServicedRecursive);
    }
  }

  /** One blkio counter: a device, an operation ({@code Read}, {@code Write}, ...) and a value. */
  public record BlkioEntry(long major, long minor, String op, long value) {}

  /** {@code hugetlb[<page size>]}: usage, peak usage (cgroup v1 only) and failed allocations. */
  public record Hugetlb(long usage, long max, long failcnt) {}

  public CgroupStats withCpu(Cpu value) {
    return new CgroupStats(value, memory, pids, blkio, hugetlb);
  }

  public CgroupStats withMemory(Memory value) {
    return new CgroupStats(cpu, value, pids, blkio, hugetlb);
  }

  public CgroupStats withPids(Pids value) {
    return new CgroupStats(cpu, memory, value, blkio, hugetlb);
  }

  public CgroupStats withBlkio(Blkio value) {
    return new CgroupStats(cpu, memory, pids, value, hugetlb);
  }

  public CgroupStats withHugetlb(Map<String, Hugetlb> value) {
    return new CgroupStats(cpu, memory, pids, blkio, value);
  }
}
