package io.jcrun.runtime.config;

import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupResources.ThrottleDevice;
import io.jcrun.cgroups.CgroupResources.WeightDevice;
import io.jcrun.cgroups.DeviceRule;
import io.jcrun.cgroups.devices.DefaultDeviceRules;
import io.jcrun.cgroups.devices.DevicePolicy;
import io.jcrun.spec.LinuxResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Converts {@code linux.resources} (also the JSON of {@code update --resources}) into {@link
 * CgroupResources}, refusing invalid values with their JSON path. Pure. The cgroup-version
 * conversions (shares to {@code cpu.weight}, swap for {@code memory.swap.max}) happen later, in
 * the cgroup managers.
 *
 * <p>As runc, a 0 means "not set" for the memory limit, reservation and swap, the CPU shares,
 * quota, period and realtime values, and the blkio weights, since Go engines send zero values;
 * {@code -1} means unlimited. {@code memory.kernel}, {@code memory.kernelTCP} and {@code
 * memory.useHierarchy} are accepted and ignored, as runc does (the kernel dropped the first two).
 * A device rule without {@code allow} denies (Go's zero value), one without {@code type} is {@code
 * a}, and a missing {@code major}/{@code minor} is any. {@code rdma} is refused: jcrun has no rdma
 * controller support.
 */
public final class ResourcesConverter {
  private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
  private static final Pattern PAGE_SIZE = Pattern.compile("[1-9]\\d*(KB|MB|GB|TB|PB)");
  private static final long UINT32_MAX = 0xFFFF_FFFFL;
  /** {@code MIN_SHARES} and {@code MAX_SHARES} of the kernel's CFS. */
  private static final long MIN_SHARES = 2;
  private static final long MAX_SHARES = 262_144;
  /** The CFS bandwidth bounds: 1 ms to 1 s periods, quotas of at least 1 ms. */
  private static final long MIN_CFS_MICROS = 1_000;
  private static final long MAX_CFS_PERIOD = 1_000_000;
  private static final int MIN_BLKIO_WEIGHT = 10;
  private static final int MAX_BLKIO_WEIGHT = 1000;

  private ResourcesConverter() {}

  /** Converts {@code linux.resources} of a config; null is "nothing set". */
  public static CgroupResources convert(LinuxResources r) throws InvalidConfigException {
    return convert(r, "linux.resources");
  }

  /**
   * Converts resources found at {@code path} (e.g. {@code "linux.resources"}, or the name of the
   * file {@code update --resources} reads); messages read {@code <path>.memory.limit: ...}.
   */
  public static CgroupResources convert(LinuxResources r, String path)
      throws InvalidConfigException {
    CgroupResources.Builder b = CgroupResources.builder();
    if (r == null) {
      return b.build();
    }
    String p = path.isEmpty() ? "" : path + ".";
    if (r.devices() != null) {
      b.devices(devices(r.devices(), p + "devices"));
    }
    if (r.memory() != null) {
      memory(r.memory(), p + "memory", b);
    }
    if (r.cpu() != null) {
      cpu(r.cpu(), p + "cpu", b);
    }
    if (r.pids() != null && r.pids().limit() != null) {
      b.pidsLimit(limit(r.pids().limit(), p + "pids.limit", true));
    }
    if (r.blockIo() != null) {
      blockIo(r.blockIo(), p + "blockIO", b);
    }
    hugepages(r.hugepageLimits(), p + "hugepageLimits", b);
    if (r.network() != null) {
      network(r.network(), p + "network", b);
    }
    if (r.rdma() != null && !r.rdma().isEmpty()) {
      throw new InvalidConfigException(p + "rdma", "rdma limits are not supported by jcrun");
    }
    unified(r.unified(), p + "unified", b);
    return b.build();
  }

  // ---- devices ------------------------------------------------------------------------------

  private static List<DeviceRule> devices(List<LinuxResources.DeviceCgroup> devices, String path)
      throws InvalidConfigException {
    List<DeviceRule> rules = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      LinuxResources.DeviceCgroup d = devices.get(i);
      String at = path + "[" + i + "]";
      if (d == null) {
        throw new InvalidConfigException(at, "is null");
      }
      String type = d.type() == null || d.type().isEmpty() ? "a" : d.type();
      if (!List.of("a", "b", "c").contains(type)) {
        throw InvalidConfigException.notOneOf(at + ".type", type, List.of("a", "b", "c"));
      }
      if (d.access() == null || d.access().isEmpty()) {
        throw new InvalidConfigException(at + ".access", "required (a subset of \"rwm\")");
      }
      try {
        DeviceRule.parseAccess(d.access());
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(at + ".access", "\"" + d.access() + "\" is not a subset of"
            + " \"rwm\"");
      }
      rules.add(new DeviceRule(Boolean.TRUE.equals(d.allow()), type.charAt(0),
          deviceNumber(d.major(), at + ".major"), deviceNumber(d.minor(), at + ".minor"),
          d.access()));
    }
    try {
      DevicePolicy.of(DefaultDeviceRules.withDefaults(rules));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(path, e.getMessage());
    }
    return rules;
  }

  private static long deviceNumber(Long n, String path) throws InvalidConfigException {
    if (n == null) {
      return DeviceRule.WILDCARD;
    }
    if (n < DeviceRule.WILDCARD) {
      throw new InvalidConfigException(path, n + " is negative (use -1, or leave it out, for any)");
    }
    if (n > UINT32_MAX) {
      throw new InvalidConfigException(path, n + " is above " + UINT32_MAX);
    }
    return n;
  }

  // ---- memory -------------------------------------------------------------------------------

  private static void memory(LinuxResources.Memory m, String path, CgroupResources.Builder b)
      throws InvalidConfigException {
    Long limit = unsetIfZero(m.limit());
    Long swap = unsetIfZero(m.swap());
    if (limit != null) {
      b.memoryLimit(limit(limit, path + ".limit", false));
    }
    if (m.reservation() != null && m.reservation() != 0) {
      b.memoryReservation(limit(m.reservation(), path + ".reservation", false));
    }
    if (swap != null) {
      b.memorySwap(limit(swap, path + ".swap", false));
      if (limit != null && limit > 0 && swap > 0 && swap < limit) {
        throw new InvalidConfigException(path + ".swap", swap + " is below memory.limit " + limit
            + " (swap is the limit of memory plus swap)");
      }
    }
    // 2^64-1 (-1 as a uint64) is runc's "not set" for swappiness.
    if (m.swappiness() != null && m.swappiness() != -1) {
      if (Long.compareUnsigned(m.swappiness(), 100) > 0) {
        throw new InvalidConfigException(path + ".swappiness",
            Long.toUnsignedString(m.swappiness()) + " is outside [0, 100]");
      }
      b.memorySwappiness(m.swappiness());
    }
    if (m.disableOomKiller() != null) {
      b.disableOomKiller(m.disableOomKiller());
    }
    b.memoryCheckBeforeUpdate(Boolean.TRUE.equals(m.checkBeforeUpdate()));
  }

  /** A signed limit: -1 is unlimited, below that is refused; 0 only where {@code zeroOk}. */
  private static long limit(long value, String path, boolean zeroOk) throws InvalidConfigException {
    if (value < -1) {
      throw new InvalidConfigException(path, value + " is negative (use -1 for unlimited)");
    }
    if (value == 0 && !zeroOk) {
      throw new InvalidConfigException(path, "0 is not a limit (use -1 for unlimited)");
    }
    return value;
  }

  private static Long unsetIfZero(Long value) {
    return value == null || value == 0 ? null : value;
  }

  // ---- cpu ----------------------------------------------------------------------------------

  private static void cpu(LinuxResources.Cpu c, String path, CgroupResources.Builder b)
      throws InvalidConfigException {
    if (c.shares() != null && c.shares() != 0) {
      if (Long.compareUnsigned(c.shares(), MIN_SHARES) < 0
          || Long.compareUnsigned(c.shares(), MAX_SHARES) > 0) {
        throw new InvalidConfigException(path + ".shares", Long.toUnsignedString(c.shares())
            + " is outside [" + MIN_SHARES + ", " + MAX_SHARES + "]");
      }
      b.cpuShares(c.shares());
    }
    if (c.quota() != null && c.quota() != 0) {
      long quota = limit(c.quota(), path + ".quota", false);
      if (quota > 0 && quota < MIN_CFS_MICROS) {
        throw new InvalidConfigException(path + ".quota", quota
            + " is below the kernel's minimum of " + MIN_CFS_MICROS + " microseconds");
      }
      b.cpuQuota(quota);
    }
    if (c.period() != null && c.period() != 0) {
      if (Long.compareUnsigned(c.period(), MIN_CFS_MICROS) < 0
          || Long.compareUnsigned(c.period(), MAX_CFS_PERIOD) > 0) {
        throw new InvalidConfigException(path + ".period", Long.toUnsignedString(c.period())
            + " is outside [" + MIN_CFS_MICROS + ", " + MAX_CFS_PERIOD + "] microseconds");
      }
      b.cpuPeriod(c.period());
    }
    if (c.burst() != null) {
      b.cpuBurst(c.burst());
    }
    if (c.realtimeRuntime() != null && c.realtimeRuntime() != 0) {
      b.cpuRealtimeRuntime(limit(c.realtimeRuntime(), path + ".realtimeRuntime", false));
    }
    if (c.realtimePeriod() != null && c.realtimePeriod() != 0) {
      b.cpuRealtimePeriod(c.realtimePeriod());
    }
    cpuList(c.cpus(), path + ".cpus", b::cpus);
    cpuList(c.mems(), path + ".mems", b::mems);
    if (c.idle() != null) {
      if (c.idle() != 0 && c.idle() != 1) {
        throw new InvalidConfigException(path + ".idle", c.idle() + " is not 0 or 1");
      }
      b.cpuIdle(c.idle());
    }
  }

  private static void cpuList(String list, String path, Consumer<String> set)
      throws InvalidConfigException {
    if (list == null || list.isEmpty()) {
      return;
    }
    if (!CPU_LIST.matcher(list).matches()) {
      throw new InvalidConfigException(path, "\"" + list + "\" is not a list such as \"0-3,7\"");
    }
    set.accept(list);
  }

  // ---- blockIO ------------------------------------------------------------------------------

  private static void blockIo(LinuxResources.BlockIo io, String path, CgroupResources.Builder b)
      throws InvalidConfigException {
    weight(io.weight(), path + ".weight").ifPresent(b::blkioWeight);
    weight(io.leafWeight(), path + ".leafWeight").ifPresent(b::blkioLeafWeight);
    List<LinuxResources.WeightDevice> weights = orEmpty(io.weightDevice());
    for (int i = 0; i < weights.size(); i++) {
      LinuxResources.WeightDevice d = weights.get(i);
      String at = path + ".weightDevice[" + i + "]";
      b.weightDevice(new WeightDevice(blockDevice(d.major(), at + ".major"),
          blockDevice(d.minor(), at + ".minor"), weight(d.weight(), at + ".weight"),
          weight(d.leafWeight(), at + ".leafWeight")));
    }
    throttles(io.throttleReadBpsDevice(), path + ".throttleReadBpsDevice", b::throttleReadBps);
    throttles(io.throttleWriteBpsDevice(), path + ".throttleWriteBpsDevice", b::throttleWriteBps);
    throttles(io.throttleReadIopsDevice(), path + ".throttleReadIOPSDevice", b::throttleReadIops);
    throttles(io.throttleWriteIopsDevice(), path + ".throttleWriteIOPSDevice",
        b::throttleWriteIops);
  }

  private static OptionalInt weight(Integer weight, String path) throws InvalidConfigException {
    if (weight == null || weight == 0) {
      return OptionalInt.empty();
    }
    if (weight < MIN_BLKIO_WEIGHT || weight > MAX_BLKIO_WEIGHT) {
      throw new InvalidConfigException(path, weight + " is outside [" + MIN_BLKIO_WEIGHT + ", "
          + MAX_BLKIO_WEIGHT + "]");
    }
    return OptionalInt.of(weight);
  }

  private static void throttles(List<LinuxResources.ThrottleDevice> devices, String path,
      Consumer<ThrottleDevice> add) throws InvalidConfigException {
    List<LinuxResources.ThrottleDevice> list = orEmpty(devices);
    for (int i = 0; i < list.size(); i++) {
      LinuxResources.ThrottleDevice d = list.get(i);
      String at = path + "[" + i + "]";
      if (d.rate() == null) {
        throw new InvalidConfigException(at + ".rate", "required (0 removes the limit)");
      }
      add.accept(new ThrottleDevice(blockDevice(d.major(), at + ".major"),
          blockDevice(d.minor(), at + ".minor"), d.rate()));
    }
  }

  private static long blockDevice(Long n, String path) throws InvalidConfigException {
    if (n == null) {
      throw new InvalidConfigException(path, "required");
    }
    if (n < 0 || n > UINT32_MAX) {
      throw new InvalidConfigException(path, n + " is not a device number (0 to " + UINT32_MAX
          + ")");
    }
    return n;
  }

  // ---- hugepages, network, unified -----------------------------------------------------------

  private static void hugepages(List<LinuxResources.HugepageLimit> limits, String path,
      CgroupResources.Builder b) throws InvalidConfigException {
    List<LinuxResources.HugepageLimit> list = orEmpty(limits);
    for (int i = 0; i < list.size(); i++) {
      LinuxResources.HugepageLimit l = list.get(i);
      String at = path + "[" + i + "]";
      if (l.pageSize() == null || !PAGE_SIZE.matcher(l.pageSize()).matches()) {
        throw new InvalidConfigException(at + ".pageSize", "\"" + l.pageSize()
            + "\" is not a page size such as \"2MB\" or \"1GB\"");
      }
      if (l.limit() == null) {
        throw new InvalidConfigException(at + ".limit", "required");
      }
      b.hugepageLimit(l.pageSize(), l.limit());
    }
  }

  private static void network(LinuxResources.Network n, String path, CgroupResources.Builder b)
      throws InvalidConfigException {
    if (n.classId() != null) {
      b.networkClassId(uint32(n.classId(), path + ".classID"));
    }
    List<LinuxResources.InterfacePriority> list = orEmpty(n.priorities());
    for (int i = 0; i < list.size(); i++) {
      LinuxResources.InterfacePriority p = list.get(i);
      String at = path + ".priorities[" + i + "]";
      if (p.name() == null || p.name().isEmpty() || p.name().matches(".*\\s.*")) {
        throw new InvalidConfigException(at + ".name", "\"" + p.name()
            + "\" is not a network interface name");
      }
      if (p.priority() == null) {
        throw new InvalidConfigException(at + ".priority", "required");
      }
      b.networkPriority(p.name(), uint32(p.priority(), at + ".priority"));
    }
  }

  private static long uint32(long value, String path) throws InvalidConfigException {
    if (value < 0 || value > UINT32_MAX) {
      throw new InvalidConfigException(path, value + " is outside [0, " + UINT32_MAX + "]");
    }
    return value;
  }

  private static void unified(Map<String, String> unified, String path, CgroupResources.Builder b)
      throws InvalidConfigException {
    if (unified == null) {
      return;
    }
    for (Map.Entry<String, String> e : unified.entrySet()) {
      String key = e.getKey();
      String at = path + "[\"" + key + "\"]";
      int dot = key.indexOf('.');
      if (key.contains("/") || dot <= 0 || dot == key.length() - 1) {
        throw new InvalidConfigException(at, "is not a cgroup v2 file name such as"
            + " \"memory.high\"");
      }
      if (e.getValue() == null) {
        throw new InvalidConfigException(at, "is null");
      }
      b.unified(key, e.getValue());
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
