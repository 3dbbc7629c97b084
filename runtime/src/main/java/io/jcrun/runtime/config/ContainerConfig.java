package io.jcrun.runtime.config;

import io.jcrun.cgroups.CgroupResources;
import io.jcrun.linux.ContainerPath;
import io.jcrun.namespaces.IdMapping;
import io.jcrun.namespaces.NamespacePlan;
import io.jcrun.runtime.seccomp.SeccompProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's configuration after conversion from {@code config.json}: validated, defaults
 * applied, host paths absolute. Immutable; nothing downstream sees the JSON.
 *
 * @param rootPropagation mount(2) propagation flags for "/" before the rootfs is prepared
 * @param warnings what the config asks for that is accepted but not applied (runc warns too)
 * @param setupDev whether to create the default devices and /dev symlinks (false when /dev is
 *     bind-mounted from the host, as runc does)
 */
public record ContainerConfig(
    String ociVersion,
    Path bundle,
    Path rootfs,
    boolean rootfsReadonly,
    long rootPropagation,
    Optional<String> hostname,
    Optional<String> domainname,
    List<MountConfig> mounts,
    ProcessConfig process,
    NamespacePlan namespaces,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings,
    boolean setupDev,
    List<DeviceConfig> devices,
    List<ContainerPath> maskedPaths,
    List<ContainerPath> readonlyPaths,
    Map<String, String> sysctl,
    Map<String, long[]> timeOffsets,
    HooksConfig hooks,
    Map<String, String> annotations,
    Optional<String> cgroupsPath,
    CgroupResources resources,
    Optional<SeccompProfile> seccomp,
    Optional<String> seccompListenerPath,
    String seccompListenerMetadata,
    List<String> warnings) {

  public ContainerConfig {
    mounts = List.copyOf(mounts);
    uidMappings = List.copyOf(uidMappings);
    gidMappings = List.copyOf(gidMappings);
    devices = List.copyOf(devices);
    maskedPaths = List.copyOf(maskedPaths);
    readonlyPaths = List.copyOf(readonlyPaths);
    sysctl = Map.copyOf(sysctl);
    timeOffsets = Map.copyOf(timeOffsets);
    annotations = Map.copyOf(annotations);
    warnings = List.copyOf(warnings);
  }
}
