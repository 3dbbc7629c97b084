package io.jcrun.runtime.config;

import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.MountFlag;
import io.jcrun.linux.NamespaceType;
import io.jcrun.namespaces.IdMapping;
import io.jcrun.namespaces.NamespacePlan;
import io.jcrun.spec.Hook;
import io.jcrun.spec.Linux;
import io.jcrun.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a parsed {@code config.json} into a {@link ContainerConfig}. Pure: no files, no
 * environment; every error names the JSON path and, for enumerations, the allowed values.
 * Features jcrun does not implement are refused, never ignored.
 */
public final class SpecConverter {
  private static final Map<String, Long> PROPAGATION = new LinkedHashMap<>();

  static {
    long rec = MountFlag.MS_REC.value();
    PROPAGATION.put("private", MountFlag.MS_PRIVATE.value());
    PROPAGATION.put("rprivate", MountFlag.MS_PRIVATE.value() | rec);
    PROPAGATION.put("shared", MountFlag.MS_SHARED.value());
    PROPAGATION.put("rshared", MountFlag.MS_SHARED.value() | rec);
    PROPAGATION.put("slave", MountFlag.MS_SLAVE.value());
    PROPAGATION.put("rslave", MountFlag.MS_SLAVE.value() | rec);
    PROPAGATION.put("unbindable", MountFlag.MS_UNBINDABLE.value());
    PROPAGATION.put("runbindable", MountFlag.MS_UNBINDABLE.value() | rec);
  }

  private SpecConverter() {}

  public static ContainerConfig convert(Spec spec, Path bundle) throws InvalidConfigException {
    if (spec.root() == null || spec.root().path() == null || spec.root().path().isEmpty()) {
      throw new InvalidConfigException("root.path", "required");
    }
    Linux linux = spec.linux() == null ? emptyLinux() : spec.linux();
    refuseUnsupported(linux);
    NamespacePlan namespaces = NamespaceConverter.plan(linux.namespaces());
    List<IdMapping> uids = NamespaceConverter.mappings(linux.uidMappings(), "linux.uidMappings");
    List<IdMapping> gids = NamespaceConverter.mappings(linux.gidMappings(), "linux.gidMappings");
    checkUserNamespace(namespaces, uids, gids);
    List<String> warnings = new ArrayList<>();
    ProcessConfig process = ProcessConverter.convert(spec.process(), "process", warnings);
    Optional<String> hostname = name(spec.hostname(), "hostname", namespaces);
    Optional<String> domainname = name(spec.domainname(), "domainname", namespaces);
    List<MountConfig> mounts = MountConverter.convert(spec.mounts(), bundle);
    boolean devFromHost = mounts.stream()
        .anyMatch(m -> m.destination().value().equals("/dev") && m.isBind());
    return new ContainerConfig(
        spec.ociVersion() == null ? "" : spec.ociVersion(),
        bundle,
        bundle.resolve(spec.root().path()).normalize(),
        Boolean.TRUE.equals(spec.root().readonly()),
        propagation(linux.rootfsPropagation()),
        hostname,
        domainname,
        mounts,
        process,
        namespaces,
        uids,
        gids,
        !devFromHost,
        DeviceConverter.convert(linux.devices()),
        paths(linux.maskedPaths(), "linux.maskedPaths"),
        paths(linux.readonlyPaths(), "linux.readonlyPaths"),
        SysctlConverter.convert(linux.sysctl(), namespaces),
        timeOffsets(linux.timeOffsets(), namespaces),
        hooks(spec.hooks()),
        spec.annotations() == null ? Map.of() : spec.annotations(),
        Optional.ofNullable(linux.cgroupsPath()).filter(s -> !s.isEmpty()),
        linux.resources() == null ? io.jcrun.cgroups.CgroupResources.NONE
            : ResourcesConverter.convert(linux.resources()),
        linux.seccomp() == null ? Optional.empty()
            : Optional.of(SeccompConverter.convert(linux.seccomp())),
        Optional.ofNullable(linux.seccomp()).map(io.jcrun.spec.LinuxSeccomp::listenerPath)
            .filter(s -> !s.isEmpty()),
        linux.seccomp() == null || linux.seccomp().listenerMetadata() == null ? ""
            : linux.seccomp().listenerMetadata(),
        warnings);
  }

  private static Linux emptyLinux() {
    return new Linux(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null);
  }

  private static void refuseUnsupported(Linux linux) throws InvalidConfigException {
    if (linux.personality() != null) {
      throw new InvalidConfigException("linux.personality", "not supported by jcrun yet");
    }
    if (linux.intelRdt() != null) {
      throw new InvalidConfigException("linux.intelRdt", "not supported by jcrun yet");
    }
    if (linux.memoryPolicy() != null) {
      throw new InvalidConfigException("linux.memoryPolicy", "not supported by jcrun yet");
    }
    if (linux.netDevices() != null && !linux.netDevices().isEmpty()) {
      throw new InvalidConfigException("linux.netDevices", "not supported by jcrun yet");
    }
    if (linux.mountLabel() != null && !linux.mountLabel().isEmpty()) {
      throw new InvalidConfigException("linux.mountLabel", "SELinux is not supported by jcrun");
    }
  }

  private static void checkUserNamespace(NamespacePlan ns, List<IdMapping> uids,
      List<IdMapping> gids) throws InvalidConfigException {
    if (ns.creates(NamespaceType.USER)) {
      if (uids.isEmpty()) {
        throw new InvalidConfigException("linux.uidMappings",
            "required when a new user namespace is created");
      }
      if (gids.isEmpty()) {
        throw new InvalidConfigException("linux.gidMappings",
            "required when a new user namespace is created");
      }
    } else if (!uids.isEmpty() || !gids.isEmpty()) {
      throw new InvalidConfigException(uids.isEmpty() ? "linux.gidMappings" : "linux.uidMappings",
          "requires a new user namespace in linux.namespaces");
    }
  }

  private static Optional<String> name(String value, String path, NamespacePlan ns)
      throws InvalidConfigException {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (!ns.creates(NamespaceType.UTS)) {
      throw new InvalidConfigException(path, "requires a new uts namespace in linux.namespaces");
    }
    if (value.length() > 64) {
      throw new InvalidConfigException(path, "longer than 64 characters");
    }
    return Optional.of(value);
  }

  private static long propagation(String value) throws InvalidConfigException {
    if (value == null || value.isEmpty()) {
      // runc's default: events from the host still reach the container, never the reverse.
      return MountFlag.MS_SLAVE.value() | MountFlag.MS_REC.value();
    }
    Long flags = PROPAGATION.get(value);
    if (flags == null) {
      throw InvalidConfigException.notOneOf("linux.rootfsPropagation", value, PROPAGATION.keySet());
    }
    return flags;
  }

  private static List<ContainerPath> paths(List<String> list, String path)
      throws InvalidConfigException {
    List<ContainerPath> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String p = list.get(i);
      if (p == null || !p.startsWith("/")) {
        throw new InvalidConfigException(path + "[" + i + "]", "\"" + p + "\" is not an absolute path");
      }
      out.add(ContainerPath.of(p));
    }
    return out;
  }

  private static Map<String, long[]> timeOffsets(Map<String, Linux.TimeOffset> offsets,
      NamespacePlan ns) throws InvalidConfigException {
    Map<String, long[]> out = new LinkedHashMap<>();
    if (offsets == null || offsets.isEmpty()) {
      return out;
    }
    if (!ns.creates(NamespaceType.TIME)) {
      throw new InvalidConfigException("linux.timeOffsets", "requires a new time namespace in linux.namespaces");
    }
    for (Map.Entry<String, Linux.TimeOffset> e : offsets.entrySet()) {
      if (!e.getKey().equals("monotonic") && !e.getKey().equals("boottime")) {
        throw InvalidConfigException.notOneOf("linux.timeOffsets", e.getKey(),
            List.of("monotonic", "boottime"));
      }
      Linux.TimeOffset o = e.getValue();
      long secs = o == null || o.secs() == null ? 0 : o.secs();
      long nanos = o == null || o.nanosecs() == null ? 0 : o.nanosecs();
      if (nanos < 0 || nanos >= 1_000_000_000L) {
        throw new InvalidConfigException("linux.timeOffsets." + e.getKey() + ".nanosecs",
            nanos + " is not below 1000000000");
      }
      out.put(e.getKey(), new long[] {secs, nanos});
    }
    return out;
  }

  private static HooksConfig hooks(io.jcrun.spec.Hooks hooks) throws InvalidConfigException {
    if (hooks == null) {
      return HooksConfig.NONE;
    }
    return new HooksConfig(
        hookList(hooks.prestart(), "hooks.prestart"),
        hookList(hooks.createRuntime(), "hooks.createRuntime"),
        hookList(hooks.createContainer(), "hooks.createContainer"),
        hookList(hooks.startContainer(), "hooks.startContainer"),
        hookList(hooks.poststart(), "hooks.poststart"),
        hookList(hooks.poststop(), "hooks.poststop"));
  }

  private static List<HookConfig> hookList(List<Hook> list, String path)
      throws InvalidConfigException {
    List<HookConfig> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Hook h = list.get(i);
      String p = path + "[" + i + "]";
      if (h == null || h.path() == null || !h.path().startsWith("/")) {
        throw new InvalidConfigException(p + ".path", "must be an absolute path");
      }
      if (h.timeout() != null && h.timeout() <= 0) {
        throw new InvalidConfigException(p + ".timeout", h.timeout() + " is not above zero");
      }
      List<String> args = h.args() == null || h.args().isEmpty() ? List.of(h.path()) : h.args();
      out.add(new HookConfig(h.path(), args, h.env() == null ? List.of() : h.env(),
          h.timeout() == null ? 0 : h.timeout()));
    }
    return out;
  }
}
