package io.jcrun.cgroups;

import java.util.Optional;

/**
 * The parts of {@link CgroupResources} that one controller applies, with the controller's name in
 * each cgroup version. A hybrid host applies each part where its controller is mounted.
 */
public enum ResourceGroup {
  MEMORY("memory", "memory"),
  CPU("cpu", "cpu"),
  CPUSET("cpuset", "cpuset"),
  PIDS("pids", "pids"),
  BLOCK_IO("blkio", "io"),
  HUGETLB("hugetlb", "hugetlb"),
  /** On cgroup v2 an eBPF program, which needs no controller. */
  DEVICES("devices", null),
  NET_CLS("net_cls", null),
  NET_PRIO("net_prio", null),
  /** The {@code unified} map: cgroup v2 files written verbatim. */
  UNIFIED(null, null);

  private final String v1Controller;
  private final String v2Controller;

  ResourceGroup(String v1Controller, String v2Controller) {
    this.v1Controller = v1Controller;
    this.v2Controller = v2Controller;
  }

  /** The cgroup v1 controller (hierarchy) that applies this part, if any. */
  public Optional<String> v1Controller() {
    return Optional.ofNullable(v1Controller);
  }

  /** The cgroup v2 controller to enable in {@code cgroup.subtree_control}, if one is needed. */
  public Optional<String> v2Controller() {
    return Optional.ofNullable(v2Controller);
  }
}
