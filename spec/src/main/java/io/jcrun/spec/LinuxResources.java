package io.jcrun.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.resources}: the cgroup limits of a container, also the JSON that {@code update
 * --resources} reads. Signed quantities may be -1 ("unlimited"); {@link Uint64} quantities are
 * unsigned.
 */
public record LinuxResources(
    List<DeviceCgroup> devices,
    Memory memory,
    Cpu cpu,
    Pids pids,
    @JsonProperty("blockIO") BlockIo blockIo,
    List<HugepageLimit> hugepageLimits,
    Network network,
    Map<String, Rdma> rdma,
    Map<String, String> unified) {

  /**
   * A device cgroup rule: allow or deny {@code access} ("rwm") to type/major/minor; absent means
   * any.
   */
  public record DeviceCgroup(Boolean allow, String type, Long major, Long minor, String access) {}

  /** {@code memory}: limits in bytes; {@code swap} is memory plus swap, as in cgroup v1. */
  public record Memory(
      Long limit,
      Long reservation,
      Long swap,
      Long kernel,
      @JsonProperty("kernelTCP") Long kernelTcp,
      @Uint64 Long swappiness,
      @JsonProperty("disableOOMKiller") Boolean disableOomKiller,
      Boolean useHierarchy,
      Boolean checkBeforeUpdate) {}

  /**
   * {@code cpu}: shares; quota, burst and period in microseconds; realtime budget; cpuset lists;
   * idle.
   */
  public record Cpu(
      @Uint64 Long shares,
      Long quota,
      @Uint64 Long burst,
      @Uint64 Long period,
      Long realtimeRuntime,
      @Uint64 Long realtimePeriod,
      String cpus,
      String mems,
      Long idle) {}

  /** {@code pids}: the maximum number of tasks in the cgroup. */
  public record Pids(Long limit) {}

  /** {@code blockIO}: blkio/io weights (uint16) and per-device weights and throttles. */
  public record BlockIo(
      Integer weight,
      Integer leafWeight,
      List<WeightDevice> weightDevice,
      List<ThrottleDevice> throttleReadBpsDevice,
      List<ThrottleDevice> throttleWriteBpsDevice,
      @JsonProperty("throttleReadIOPSDevice") List<ThrottleDevice> throttleReadIopsDevice,
      @JsonProperty("throttleWriteIOPSDevice") List<ThrottleDevice> throttleWriteIopsDevice) {}

  /** A {@code major:minor weight} entry of {@code blockIO.weightDevice}. */
  public record WeightDevice(Long major, Long minor, Integer weight, Integer leafWeight) {}

  /**
   * A {@code major:minor rate} entry of the {@code blockIO.throttle*Device} lists (bytes or IOs per
   * second).
   */
  public record ThrottleDevice(Long major, Long minor, @Uint64 Long rate) {}

  /** A {@code hugepageLimits} entry: a page size such as {@code "2MB"} and a limit in bytes. */
  public record HugepageLimit(String pageSize, @Uint64 Long limit) {}

  /** {@code network}: the net_cls class id and net_prio priorities (both unsigned 32-bit). */
  public record Network(
      @JsonProperty("classID") Long classId, List<InterfacePriority> priorities) {}

  /** A {@code network.priorities} entry: an interface name and its priority. */
  public record InterfacePriority(String name, Long priority) {}

  /** A {@code rdma} value, keyed by device name: HCA handle and object limits (unsigned 32-bit). */
  public record Rdma(Long hcaHandles, Long hcaObjects) {}
}
