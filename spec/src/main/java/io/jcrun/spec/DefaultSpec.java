package io.jcrun.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code config.json} that {@code jcrun spec} writes: runc's {@code specconv.Example()} with
 * hostname "jcrun", and its {@code --rootless} variant. Each call returns a new tree.
 */
public final class DefaultSpec {
  /** The runtime-spec version jcrun implements, for {@code --version} and {@code features}. */
  public static final String OCI_VERSION = "1.2.1";

  /**
   * The version the example declares: runc 1.2 vendors runtime-spec 1.2.0 and its {@code spec}
   * declares that, and the example keeps to runc's content.
   */
  private static final String EXAMPLE_OCI_VERSION = "1.2.0";

  private static final List<String> DEFAULT_CAPABILITIES =
      List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

  private DefaultSpec() {}

  public static Spec example() {
    var process =
        new Process(
            /* terminal= */ true,
            /* consoleSize= */ null,
            new Process.User(/* uid= */ 0L, /* gid= */ 0L, null, null, null),
            /* args= */ List.of("sh"),
            /* commandLine= */ null,
            /* env= */ List.of(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"),
            /* cwd= */ "/",
            new Process.Capabilities(
                /* bounding= */ DEFAULT_CAPABILITIES,
                /* effective= */ DEFAULT_CAPABILITIES,
                /* inheritable= */ null,
                /* permitted= */ DEFAULT_CAPABILITIES,
                /* ambient= */ null),
            /* rlimits= */ List.of(new Process.Rlimit("RLIMIT_NOFILE", 1024L, 1024L)),
            /* noNewPrivileges= */ true,
            /* apparmorProfile= */ null,
            /* oomScoreAdj= */ null,
            /* scheduler= */ null,
            /* selinuxLabel= */ null,
            /* ioPriority= */ null,
            /* execCpuAffinity= */ null);
    List<Mount> mounts =
        List.of(
            mount("/proc", "proc", "proc"),
            mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
            mount(
                "/dev/pts",
                "devpts",
                "devpts",
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
                "gid=5"),
            mount(
                "/dev/shm",
                "tmpfs",
                "shm",
                "nosuid",
                "noexec",
                "nodev",
                "mode=1777",
                "size=65536k"),
            mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
            mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
            mount(
                "/sys/fs/cgroup",
                "cgroup",
                "cgroup",
                "nosuid",
                "noexec",
                "nodev",
                "relatime",
                "ro"));
    var denyAllDevices =
        new LinuxResources(
            List.of(new LinuxResources.DeviceCgroup(false, null, null, null, "rwm")),
            /* memory= */ null,
            /* cpu= */ null,
            /* pids= */ null,
            /* blockIo= */ null,
            /* hugepageLimits= */ null,
            /* network= */ null,
            /* rdma= */ null,
            /* unified= */ null);
    // runc adds the cgroup namespace only on a cgroup v2 host; the example is host-independent.
    List<Linux.Namespace> namespaces =
        Stream.of("pid", "network", "ipc", "uts", "mount", "cgroup")
            .map(type -> new Linux.Namespace(type, null))
            .toList();
    var linux =
        new Linux(
            /* uidMappings= */ null,
            /* gidMappings= */ null,
            /* sysctl= */ null,
            denyAllDevices,
            /* cgroupsPath= */ null,
            namespaces,
            /* devices= */ null,
            /* netDevices= */ null,
            /* seccomp= */ null,
            /* rootfsPropagation= */ null,
            /* maskedPaths= */ List.of(
                "/proc/acpi",
                "/proc/asound",
                "/proc/kcore",
                "/proc/keys",
                "/proc/latency_stats",
                "/proc/timer_list",
                "/proc/timer_stats",
                "/proc/sched_debug",
                "/sys/firmware",
                "/proc/scsi"),
            /* readonlyPaths= */ List.of(
                "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
            /* mountLabel= */ null,
            /* intelRdt= */ null,
            /* personality= */ null,
            /* timeOffsets= */ null,
            /* memoryPolicy= */ null);
    return new Spec(
        EXAMPLE_OCI_VERSION,
        process,
        new Root("rootfs", /* readonly= */ true),
        /* hostname= */ "jcrun",
        /* domainname= */ null,
        mounts,
        /* hooks= */ null,
        /* annotations= */ null,
        linux);
  }

  /**
   * {@link #example()} made to run without root, as {@code runc spec --rootless}: a user namespace
   * mapping container root to the given host ids (unsigned), no network or cgroup namespace, the
   * host's {@code /sys} bound read-only in place of sysfs and cgroupfs, no uid=/gid= mount options
   * and no cgroup resources.
   */
  public static Spec rootless(int uid, int gid) {
    Spec spec = example();
    Linux linux = spec.linux();

    // Unlike runc, the cgroup namespace and the /sys/fs/cgroup mount go too: runc keeps them and
    // falls back to a bind when mounting cgroupfs fails, but an unprivileged user rarely has a
    // delegated cgroup to show there, and the /sys rbind already carries the host's hierarchy.
    List<Linux.Namespace> namespaces = new ArrayList<>();
    for (Linux.Namespace namespace : linux.namespaces()) {
      switch (namespace.type()) {
        case "network", "cgroup", "user" -> {}
        default -> namespaces.add(namespace);
      }
    }
    namespaces.add(new Linux.Namespace("user", null));

    List<Mount> mounts = new ArrayList<>();
    for (Mount entry : spec.mounts()) {
      switch (entry.destination()) {
        case "/sys" ->
            // Only the owner of the network namespace may mount sysfs, and it stays the host's.
            mounts.add(mount("/sys", "none", "/sys", "rbind", "nosuid", "noexec", "nodev", "ro"));
        case "/sys/fs/cgroup" -> {}
        default -> mounts.add(withoutIdOptions(entry));
      }
    }

    var uidMappings = List.of(new LinuxIdMapping(0L, Integer.toUnsignedLong(uid), 1L));
    var gidMappings = List.of(new LinuxIdMapping(0L, Integer.toUnsignedLong(gid), 1L));
    var rootlessLinux =
        new Linux(
            uidMappings,
            gidMappings,
            linux.sysctl(),
            /* resources= */ null,
            linux.cgroupsPath(),
            namespaces,
            linux.devices(),
            linux.netDevices(),
            linux.seccomp(),
            linux.rootfsPropagation(),
            linux.maskedPaths(),
            linux.readonlyPaths(),
            linux.mountLabel(),
            linux.intelRdt(),
            linux.personality(),
            linux.timeOffsets(),
            linux.memoryPolicy());
    return new Spec(
        spec.ociVersion(),
        spec.process(),
        spec.root(),
        spec.hostname(),
        spec.domainname(),
        mounts,
        spec.hooks(),
        spec.annotations(),
        rootlessLinux);
  }

  /** The ids in uid= and gid= (devpts' gid=5) are not mapped in a single-id user namespace. */
  private static Mount withoutIdOptions(Mount mount) {
    if (mount.options() == null) {
      return mount;
    }
    List<String> options =
        mount.options().stream()
            .filter(option -> !option.startsWith("uid=") && !option.startsWith("gid="))
            .toList();
    return new Mount(
        mount.destination(),
        mount.type(),
        mount.source(),
        options,
        mount.uidMappings(),
        mount.gidMappings());
  }

  private static Mount mount(String destination, String type, String source, String... options) {
    return new Mount(
        destination, type, source, options.length == 0 ? null : List.of(options), null, null);
  }
}
