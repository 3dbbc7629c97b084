package io.jcrun.runtime.state;

import io.jcrun.runtime.config.HooksConfig;
import java.util.List;
import java.util.Map;

/**
 * What {@code state.json} keeps about a container: what later verbs need without reading the
 * bundle again. The status is not stored: it is worked out from the process and the exec fifo.
 *
 * @param pidStartTime the init's start time in clock ticks (field 22 of /proc/pid/stat), so a
 *     reused pid is never taken for the container
 * @param created RFC 3339 with nanoseconds, UTC
 * @param cgroupPaths the container's cgroup directories, empty when cgroups are disabled
 * @param hasPidNamespace whether the container has a pid namespace of its own
 * @param namespaces the namespaces of the container, created or joined (their OCI names), which
 *     exec and the in-container hooks join
 * @param hooks the config's hooks, of which start and delete run some
 * @see ExecBase the part of the config only {@code exec} needs, kept apart
 */
public record ContainerState(
    String id,
    String ociVersion,
    int pid,
    long pidStartTime,
    String bundle,
    String rootfs,
    String created,
    int ownerUid,
    Map<String, String> annotations,
    Map<String, String> cgroupPaths,
    boolean hasPidNamespace,
    List<String> namespaces,
    HooksConfig hooks) {

  public ContainerState {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    cgroupPaths = cgroupPaths == null ? Map.of() : Map.copyOf(cgroupPaths);
    hooks = hooks == null ? HooksConfig.NONE : hooks;
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
  }

  /** The namespace types of {@link #namespaces()}. */
  public java.util.Set<io.jcrun.linux.NamespaceType> namespaceTypes() {
    java.util.Set<io.jcrun.linux.NamespaceType> out =
        java.util.EnumSet.noneOf(io.jcrun.linux.NamespaceType.class);
    for (String n : namespaces) {
      out.add(io.jcrun.linux.NamespaceType.fromOciName(n));
    }
    return out;
  }
}
