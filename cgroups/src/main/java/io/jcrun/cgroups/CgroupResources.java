package io.jcrun.cgroups;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cgroup limits of a container, independent of the cgroup version: an absent value leaves the
 * cgroup's setting as it is (so the same record serves {@code create} and {@code update}), and an
 * absent device rule list leaves the device policy unchanged. Quantities use the OCI units (bytes,
 * microseconds, cgroup v1 shares and blkio weights); the managers convert them for cgroup v2.
 * {@code -1} means unlimited where the kernel has such a value. Immutable; validation of the OCI
 * JSON happens before, in the runtime's {@code ResourcesConverter}.
 */
public record CgroupResources(
    Memory memory,
    Cpu cpu,
    OptionalLong pidsLimit,
    BlockIo blockIo,
    List<HugepageLimit> hugepageLimits,
    Optional<List<DeviceRule>> devices,
    Network network,
    Map<String, String> unified) {

  /** Nothing to change. */
  public static final CgroupResources NONE = builder().build();

  public CgroupResources {
    hugepageLimits = List.copyOf(hugepageLimits);
    devices = devices.map(List::copyOf);
    unified = java.util.Collections.unmodifiableMap(new TreeMap<>(unified));
  }

  /**
   * {@code memory}: limit, reservation (soft limit) and swap (memory plus swap, the cgroup v1
   * meaning) in bytes; swappiness 0-100 (cgroup v1 only); {@code checkBeforeUpdate} refuses a
   * limit at or below the current usage on cgroup v2, as runc does.
   */
  public record Memory(OptionalLong limit, OptionalLong reservation, OptionalLong swap,
      OptionalLong swappiness, Optional<Boolean> disableOomKiller, boolean checkBeforeUpdate) {
    public static final Memory NONE = new Memory(OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), false);

    public boolean isSet() {
      return limit.isPresent() || reservation.isPresent() || swap.isPresent()
          || swappiness.isPresent() || disableOomKiller.isPresent();
    }
  }

  /**
   * {@code cpu}: shares (cgroup v1 units, 2-262144), CFS quota, period and burst and the realtime
   * budget in microseconds, the cpuset lists, and {@code idle} (0 or 1).
   */
  public record Cpu(OptionalLong shares, OptionalLong quota, OptionalLong period,
      OptionalLong burst, OptionalLong realtimeRuntime, OptionalLong realtimePeriod,
      Optional<String> cpus, Optional<String> mems, OptionalLong idle) {
    public static final Cpu NONE = new Cpu(OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        Optional.empty(), Optional.empty(), OptionalLong.empty());

    /** Whether anything for the {@code cpu} controller is set. */
    public boolean isCpuSet() {
      return shares.isPresent() || quota.isPresent() || period.isPresent() || burst.isPresent()
          || realtimeRuntime.isPresent() || realtimePeriod.isPresent() || idle.isPresent();
    }

    /** Whether anything for the {@code cpuset} controller is set. */
    public boolean isCpusetSet() {
      return cpus.isPresent() || mems.isPresent();
    }
  }

  /** {@code blockIO}: blkio weights (10-1000), per-device weights and throttles. */
  public record BlockIo(OptionalInt weight, OptionalInt leafWeight,
      List<WeightDevice> weightDevices, List<ThrottleDevice> throttleReadBps,
      List<ThrottleDevice> throttleWriteBps, List<ThrottleDevice> throttleReadIops,
      List<ThrottleDevice> throttleWriteIops) {
    public static final BlockIo NONE = new BlockIo(OptionalInt.empty(), OptionalInt.empty(),
        List.of(), List.of(), List.of(), List.of(), List.of());

    public BlockIo {
      weightDevices = List.copyOf(weightDevices);
      throttleReadBps = List.copyOf(throttleReadBps);
      throttleWriteBps = List.copyOf(throttleWriteBps);
      throttleReadIops = List.copyOf(throttleReadIops);
      throttleWriteIops = List.copyOf(throttleWriteIops);
    }

    public boolean isSet() {
      return weight.isPresent() || leafWeight.isPresent() || !weightDevices.isEmpty()
          || !throttleReadBps.isEmpty() || !throttleWriteBps.isEmpty()
          || !throttleReadIops.isEmpty() || !throttleWriteIops.isEmpty();
    }
  }

  /** A per-device blkio weight. */
  public record WeightDevice(long major, long minor, OptionalInt weight, OptionalInt leafWeight) {}

  /** A per-device throttle in bytes or I/Os per second (unsigned); 0 removes the limit. */
  public record ThrottleDevice(long major, long minor, long rate) {}

  /** A hugetlb limit in bytes (unsigned) for a page size such as {@code 2MB}. */
  public record HugepageLimit(String pageSize, long limit) {}

  /** {@code network}: the net_cls class id and net_prio priorities (cgroup v1 only). */
  public record Network(OptionalLong classId, List<InterfacePriority> priorities) {
    public static final Network NONE = new Network(OptionalLong.empty(), List.of());

    public Network {
      priorities = List.copyOf(priorities);
    }
  }

  /** A net_prio priority for one network interface. */
  public record InterfacePriority(String name, long priority) {}

  /** The parts of these resources that ask for something. */
  public Set<ResourceGroup> requested() {
    Set<ResourceGroup> groups = EnumSet.noneOf(ResourceGroup.class);
    if (memory.isSet()) {
      groups.add(ResourceGroup.MEMORY);
    }
    if (cpu.isCpuSet()) {
      groups.add(ResourceGroup.CPU);
    }
    if (cpu.isCpusetSet()) {
      groups.add(ResourceGroup.CPUSET);
    }
    if (pidsLimit.isPresent()) {
      groups.add(ResourceGroup.PIDS);
    }
    if (blockIo.isSet()) {
      groups.add(ResourceGroup.BLOCK_IO);
    }
    if (!hugepageLimits.isEmpty()) {
      groups.add(ResourceGroup.HUGETLB);
    }
    if (devices.isPresent()) {
      groups.add(ResourceGroup.DEVICES);
    }
    if (network.classId().isPresent()) {
      groups.add(ResourceGroup.NET_CLS);
    }
    if (!network.priorities().isEmpty()) {
      groups.add(ResourceGroup.NET_PRIO);
    }
    if (!unified.isEmpty()) {
      groups.add(ResourceGroup.UNIFIED);
    }
    return groups;
  }

  /** A copy that keeps only {@code groups} and leaves everything else unchanged. */
  public CgroupResources only(Set<ResourceGroup> groups) {
    Cpu c = Cpu.NONE;
    if (groups.contains(ResourceGroup.CPU)) {
      c = new Cpu(cpu.shares, cpu.quota, cpu.period, cpu.burst, cpu.realtimeRuntime,
          cpu.realtimePeriod, c.cpus, c.mems, cpu.idle);
    }
    if (groups.contains(ResourceGroup.CPUSET)) {
      c = new Cpu(c.shares, c.quota, c.period, c.burst, c.realtimeRuntime, c.realtimePeriod,
          cpu.cpus, cpu.mems, c.idle);
    }
    return new CgroupResources(
        groups.contains(ResourceGroup.MEMORY) ? memory : Memory.NONE,
        c,
        groups.contains(ResourceGroup.PIDS) ? pidsLimit : OptionalLong.empty(),
        groups.contains(ResourceGroup.BLOCK_IO) ? blockIo : BlockIo.NONE,
        groups.contains(ResourceGroup.HUGETLB) ? hugepageLimits : List.of(),
        groups.contains(ResourceGroup.DEVICES) ? devices : Optional.empty(),
        new Network(
            groups.contains(ResourceGroup.NET_CLS) ? network.classId : OptionalLong.empty(),
            groups.contains(ResourceGroup.NET_PRIO) ? network.priorities : List.of()),
        groups.contains(ResourceGroup.UNIFIED) ? unified : Map.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CgroupResources}: each setter sets one value, the rest stays absent. */
  public static final class Builder {
    private OptionalLong memoryLimit = OptionalLong.empty();
    private OptionalLong memoryReservation = OptionalLong.empty();
    private OptionalLong memorySwap = OptionalLong.empty();
    private OptionalLong memorySwappiness = OptionalLong.empty();
    private Optional<Boolean> disableOomKiller = Optional.empty();
    private boolean memoryCheckBeforeUpdate;
    private OptionalLong cpuShares = OptionalLong.empty();
    private OptionalLong cpuQuota = OptionalLong.empty();
    private OptionalLong cpuPeriod = OptionalLong.empty();
    private OptionalLong cpuBurst = OptionalLong.empty();
    private OptionalLong cpuRealtimeRuntime = OptionalLong.empty();
    private OptionalLong cpuRealtimePeriod = OptionalLong.empty();
    private Optional<String> cpus = Optional.empty();
    private Optional<String> mems = Optional.empty();
    private OptionalLong cpuIdle = OptionalLong.empty();
    private OptionalLong pidsLimit = OptionalLong.empty();
    private OptionalInt blkioWeight = OptionalInt.empty();
    private OptionalInt blkioLeafWeight = OptionalInt.empty();
    private final List<WeightDevice> weightDevices = new ArrayList<>();
    private final List<ThrottleDevice> throttleReadBps = new ArrayList<>();
    private final List<ThrottleDevice> throttleWriteBps = new ArrayList<>();
    private final List<ThrottleDevice> throttleReadIops = new ArrayList<>();
    private final List<ThrottleDevice> throttleWriteIops = new ArrayList<>();
    private final List<HugepageLimit> hugepageLimits = new ArrayList<>();
    private Optional<List<DeviceRule>> devices = Optional.empty();
    private OptionalLong classId = OptionalLong.empty();
    private final List<InterfacePriority> priorities = new ArrayList<>();
    private final Map<String, String> unified = new TreeMap<>();

    private Builder() {}

    public Builder memoryLimit(long bytes) {
      memoryLimit = OptionalLong.of(bytes);
      return this;
    }

    public Builder memoryReservation(long bytes) {
      memoryReservation = OptionalLong.of(bytes);
      return this;
    }

    public Builder memorySwap(long bytes) {
      memorySwap = OptionalLong.of(bytes);
      return this;
    }

    public Builder memorySwappiness(long swappiness) {
      memorySwappiness = OptionalLong.of(swappiness);
      return this;
    }

    public Builder disableOomKiller(boolean disable) {
      disableOomKiller = Optional.of(disable);
      return this;
    }

    public Builder memoryCheckBeforeUpdate(boolean check) {
      memoryCheckBeforeUpdate = check;
      return this;
    }

    public Builder cpuShares(long shares) {
      cpuShares = OptionalLong.of(shares);
      return this;
    }

    public Builder cpuQuota(long micros) {
      cpuQuota = OptionalLong.of(micros);
      return this;
    }

    public Builder cpuPeriod(long micros) {
      cpuPeriod = OptionalLong.of(micros);
      return this;
    }

    public Builder cpuBurst(long micros) {
      cpuBurst = OptionalLong.of(micros);
      return this;
    }

    public Builder cpuRealtimeRuntime(long micros) {
      cpuRealtimeRuntime = OptionalLong.of(micros);
      return this;
    }

    public Builder cpuRealtimePeriod(long micros) {
      cpuRealtimePeriod = OptionalLong.of(micros);
      return this;
    }

    public Builder cpus(String list) {
      cpus = Optional.of(list);
      return this;
    }

    public Builder mems(String list) {
      mems = Optional.of(list);
      return this;
    }

    public Builder cpuIdle(long idle) {
      cpuIdle = OptionalLong.of(idle);
      return this;
    }

    public Builder pidsLimit(long limit) {
      pidsLimit = OptionalLong.of(limit);
      return this;
    }

    public Builder blkioWeight(int weight) {
      blkioWeight = OptionalInt.of(weight);
      return this;
    }

    public Builder blkioLeafWeight(int weight) {
      blkioLeafWeight = OptionalInt.of(weight);
      return this;
    }

    public Builder weightDevice(WeightDevice device) {
      weightDevices.add(device);
      return this;
    }

    public Builder throttleReadBps(ThrottleDevice device) {
      throttleReadBps.add(device);
      return this;
    }

    public Builder throttleWriteBps(ThrottleDevice device) {
      throttleWriteBps.add(device);
      return this;
    }

    public Builder throttleReadIops(ThrottleDevice device) {
      throttleReadIops.add(device);
      return this;
    }

    public Builder throttleWriteIops(ThrottleDevice device) {
      throttleWriteIops.add(device);
      return this;
    }

    public Builder hugepageLimit(String pageSize, long bytes) {
      hugepageLimits.add(new HugepageLimit(pageSize, bytes));
      return this;
    }

    /** Replaces the device policy with {@code rules} (plus the always-allowed devices). */
    public Builder devices(List<DeviceRule> rules) {
      devices = Optional.of(List.copyOf(rules));
      return this;
    }

    public Builder networkClassId(long id) {
      classId = OptionalLong.of(id);
      return this;
    }

    public Builder networkPriority(String interfaceName, long priority) {
      priorities.add(new InterfacePriority(interfaceName, priority));
      return this;
    }

    public Builder unified(String file, String value) {
      unified.put(file, value);
      return this;
    }

    public CgroupResources build() {
      return new CgroupResources(
          new Memory(memoryLimit, memoryReservation, memorySwap, memorySwappiness,
              disableOomKiller, memoryCheckBeforeUpdate),
          new Cpu(cpuShares, cpuQuota, cpuPeriod, cpuBurst, cpuRealtimeRuntime, cpuRealtimePeriod,
              cpus, mems, cpuIdle),
          pidsLimit,
          new BlockIo(blkioWeight, blkioLeafWeight, weightDevices, throttleReadBps,
              throttleWriteBps, throttleReadIops, throttleWriteIops),
          hugepageLimits,
          devices,
          new Network(classId, priorities),
          unified);
    }
  }
}
