package io.jcrun.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The {@code linux} object of {@code config.json}: namespaces, id mappings, cgroup resources,
 * devices, seccomp and the other Linux-only settings, unvalidated.
 */
public record Linux(
    List<LinuxIdMapping> uidMappings,
    List<LinuxIdMapping> gidMappings,
    Map<String, String> sysctl,
    LinuxResources resources,
    String cgroupsPath,
    List<Namespace> namespaces,
    List<Device> devices,
    Map<String, NetDevice> netDevices,
    LinuxSeccomp seccomp,
    String rootfsPropagation,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    String mountLabel,
    IntelRdt intelRdt,
    Personality personality,
    Map<String, TimeOffset> timeOffsets,
    MemoryPolicy memoryPolicy) {

  /** A {@code linux.namespaces} entry: a type such as {@code pid}, and a path to join one. */
  public record Namespace(String type, String path) {}

  /**
   * A {@code linux.devices} entry, a node to create in the container's {@code /dev}. fileMode, uid
   * and gid are unsigned 32-bit values.
   */
  public record Device(
      String path, String type, Long major, Long minor, Long fileMode, Long uid, Long gid) {}

  /** A {@code linux.netDevices} value: the name the host interface gets inside the container. */
  public record NetDevice(String name) {}

  /** A {@code linux.timeOffsets} value for the time namespace; nanosecs is unsigned 32-bit. */
  public record TimeOffset(Long secs, Long nanosecs) {}

  /** {@code linux.personality}: a personality(2) domain, {@code LINUX} or {@code LINUX32}. */
  public record Personality(String domain, List<String> flags) {}

  /** {@code linux.memoryPolicy}: set_mempolicy(2)'s mode, node list ({@code "0-3,7"}), flags. */
  public record MemoryPolicy(String mode, String nodes, List<String> flags) {}

  /**
   * {@code linux.intelRdt}: the resctrl class of service and its schemata. {@code schemata} and
   * {@code enableMonitoring} are runtime-spec 1.3's, {@code enableCMT} and {@code enableMBM} 1.2's.
   */
  public record IntelRdt(
      @JsonProperty("closID") String closId,
      List<String> schemata,
      String l3CacheSchema,
      String memBwSchema,
      @JsonProperty("enableCMT") Boolean enableCmt,
      @JsonProperty("enableMBM") Boolean enableMbm,
      Boolean enableMonitoring) {}
}
