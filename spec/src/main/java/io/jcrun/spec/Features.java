package io.jcrun.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code features} prints: the runtime-spec {@code features.Features} schema. Following the
 * spec, a null list or flag means "unknown", not "unsupported".
 */
public record Features(
    String ociVersionMin,
    String ociVersionMax,
    List<String> hooks,
    List<String> mountOptions,
    LinuxFeatures linux,
    Map<String, String> annotations,
    List<String> potentiallyUnsafeConfigAnnotations) {

  /** {@code linux}: the recognised namespaces and capabilities, and the optional subsystems. */
  public record LinuxFeatures(
      List<String> namespaces,
      List<String> capabilities,
      Cgroup cgroup,
      Seccomp seccomp,
      Apparmor apparmor,
      Selinux selinux,
      IntelRdt intelRdt,
      MemoryPolicy memoryPolicy,
      MountExtensions mountExtensions,
      NetDevices netDevices) {}

  /** {@code linux.cgroup}: which cgroup drivers are compiled in, independent of the host. */
  public record Cgroup(
      Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {}

  /** {@code linux.seccomp}: the recognised actions, operators, architectures and filter flags. */
  public record Seccomp(
      Boolean enabled,
      List<String> actions,
      List<String> operators,
      List<String> archs,
      List<String> knownFlags,
      List<String> supportedFlags) {}

  /** {@code linux.apparmor}: whether AppArmor profiles are supported. */
  public record Apparmor(Boolean enabled) {}

  /** {@code linux.selinux}: whether SELinux labels are supported. */
  public record Selinux(Boolean enabled) {}

  /**
   * {@code linux.intelRdt}; schemata and monitoring say whether those config fields are
   * implemented.
   */
  public record IntelRdt(Boolean enabled, Boolean schemata, Boolean monitoring) {}

  /** {@code linux.memoryPolicy}: the recognised {@code MPOL_*} modes and flags. */
  public record MemoryPolicy(List<String> modes, List<String> flags) {}

  /** {@code linux.mountExtensions}: support for mount features beyond {@code mount(2)} options. */
  public record MountExtensions(@JsonProperty("idmap") IdMap idMap) {}

  /** {@code linux.mountExtensions.idmap}: whether idmapped mounts are implemented. */
  public record IdMap(Boolean enabled) {}

  /** {@code linux.netDevices}: whether {@code linux.netDevices} is implemented. */
  public record NetDevices(Boolean enabled) {}
}
