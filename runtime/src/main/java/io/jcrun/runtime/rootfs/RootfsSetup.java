package io.jcrun.runtime.rootfs;

import static io.jcrun.linux.OpenFlags.O_DIRECTORY;
import static io.jcrun.linux.OpenFlags.O_NOFOLLOW;
import static io.jcrun.linux.OpenFlags.O_PATH;

import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.ContainerSyscalls;
import io.jcrun.linux.Fd;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.MountFlag;
import io.jcrun.linux.MountFlags;
import io.jcrun.linux.NamespaceType;
import io.jcrun.runtime.config.ContainerConfig;
import io.jcrun.runtime.config.DeviceConfig;
import io.jcrun.runtime.config.MountAttr;
import io.jcrun.runtime.config.MountConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepares a container's rootfs inside its new mount namespace, through {@link
 * ContainerSyscalls}: propagation, the rootfs bind, every {@code mounts} entry in order,
 * devices, the /dev symlinks, then pivot_root, masked and read-only paths. Every path inside
 * the rootfs is resolved with {@code openInRoot}, so a symlink in the rootfs never sends a mount
 * outside it.
 */
public final class RootfsSetup {
  /** The devices every container gets (runc's AllowedDevices that it creates). */
  static final List<DeviceConfig> DEFAULT_DEVICES = List.of(
      device("/dev/null", 1, 3), device("/dev/zero", 1, 5), device("/dev/full", 1, 7),
      device("/dev/tty", 5, 0), device("/dev/urandom", 1, 9), device("/dev/random", 1, 8));

  private static final long BIND_ATTRS = MountFlag.MS_RDONLY.value() | MountFlag.MS_NOSUID.value()
      | MountFlag.MS_NODEV.value() | MountFlag.MS_NOEXEC.value() | MountFlag.MS_NODIRATIME.value()
      | MountFlag.MS_NOSYMFOLLOW.value() | MountFlag.MS_NOATIME.value()
      | MountFlag.MS_STRICTATIME.value() | MountFlag.MS_RELATIME.value();
  /** Flags mount_setattr cannot express; a bind that asks for them needs a classic remount. */
  private static final long REMOUNT_ONLY = MountFlag.MS_SYNCHRONOUS.value()
      | MountFlag.MS_DIRSYNC.value() | MountFlag.MS_MANDLOCK.value()
      | MountFlag.MS_LAZYTIME.value() | MountFlag.MS_SILENT.value();

  private final ContainerSyscalls sys;
  private final ContainerConfig config;
  private final HostInfo host;
  private final SourceTracker source;
  private final boolean userns;
  private final boolean cgroupns;
  private final java.util.Collection<String> cgroupDirs;

  /** Lets the caller label the ops that follow with the config field they come from. */
  public interface SourceTracker {
    void source(String configPath);
  }

  /**
   * @param cgroupDirs the container's cgroup directories on the host, which a {@code cgroup}
   *     mount shows when the container has no cgroup namespace of its own
   */
  public RootfsSetup(ContainerSyscalls sys, ContainerConfig config, HostInfo host,
      java.util.Collection<String> cgroupDirs, SourceTracker source) {
    this.sys = sys;
    this.config = config;
    this.host = host;
    this.source = source;
    this.userns = config.namespaces().creates(NamespaceType.USER);
    this.cgroupns = config.namespaces().has(NamespaceType.CGROUP);
    this.cgroupDirs = cgroupDirs;
  }

  private static DeviceConfig device(String path, int major, int minor) {
    return new DeviceConfig(ContainerPath.of(path), 'c', major, minor, 0666, 0, 0);
  }

  /**
   * Everything before the root changes: returns an O_PATH fd of the bound rootfs, still in
   * the host's view of paths.
   */
  public Fd prepare() throws io.jcrun.linux.SyscallException {
    String rootfs = config.rootfs().toString();
    source.source("linux.rootfsPropagation");
    sys.mount(null, "/", null, new MountFlags(config.rootPropagation()), null);
    source.source("root.path");
    // pivot_root refuses a new root whose parent mount is shared (runc's rootfsParentMountPrivate).
    sys.mount(null, host.mountPointOf(config.rootfs()), null,
        MountFlags.of(MountFlag.MS_PRIVATE), null);
    sys.mount(rootfs, rootfs, null, MountFlags.of(MountFlag.MS_BIND, MountFlag.MS_REC), null);
    Fd root = sys.openat(Fd.CWD, rootfs, O_PATH | O_DIRECTORY, 0);
    for (MountConfig m : config.mounts()) {
      source.source(m.origin());
      if (m.type().equals("cgroup") && !m.isBind()) {
        mountCgroup(root, m);
      } else {
        mount(root, m);
      }
    }
    setupDevices(root);
    return root;
  }

  private void mount(Fd root, MountConfig m) throws io.jcrun.linux.SyscallException {
    if (m.isBind()) {
      InRootCreate create = host.isDirectory().test(m.source())
          ? InRootCreate.DIRECTORY : InRootCreate.FILE;
      try (Fd target = sys.openInRoot(root, m.destination(), O_PATH, create)) {
        sys.mountOnFd(m.source(), target, null,
            new MountFlags(m.flags().bits() & (MountFlag.MS_BIND.value() | MountFlag.MS_REC.value())),
            null);
      }
      adjust(root, m.destination(), m, m.flags().bits());
    } else {
      // A proc or sysfs must not land where a symlink in the image points (runc's
      // checkProcMount, CVE-2019-19921): the kernel files jcrun writes later live there.
      int noFollow = m.type().equals("proc") || m.type().equals("sysfs") ? O_NOFOLLOW : 0;
      try (Fd target = sys.openInRoot(root, m.destination(), O_PATH | O_DIRECTORY | noFollow,
          InRootCreate.DIRECTORY)) {
        sys.mountOnFd(m.source(), target, m.type(), m.flags(), m.data());
      }
      adjust(root, m.destination(), m, 0);
    }
  }

  /**
   * After the mount: a bind's own flags (mount(2) ignores them on the first bind), then the
   * recursive attributes and the propagation, each on a fresh resolution of the destination,
   * which now reaches the new mount.
   */
  private void adjust(Fd root, ContainerPath dest, MountConfig m, long bindFlags)
      throws io.jcrun.linux.SyscallException {
    long attrs = bindFlags & BIND_ATTRS;
    boolean remount = (bindFlags & REMOUNT_ONLY) != 0;
    if (attrs == 0 && !remount && m.recursiveAttrSet() == 0 && m.recursiveAttrClear() == 0
        && m.propagation() == 0) {
      return;
    }
    try (Fd target = sys.openInRoot(root, dest, O_PATH, InRootCreate.NONE)) {
      if (remount) {
        sys.mountOnFd(null, target, null, new MountFlags(bindFlags
            | MountFlag.MS_REMOUNT.value()).without(MountFlag.MS_REC), null);
      } else if (attrs != 0) {
        sys.mountSetattr(target, false, toMountAttr(attrs), atimeClear(attrs), 0);
      }
      if (m.recursiveAttrSet() != 0 || m.recursiveAttrClear() != 0) {
        sys.mountSetattr(target, true, m.recursiveAttrSet(), m.recursiveAttrClear(), 0);
      }
      if (m.propagation() != 0) {
        sys.mountSetattr(target, m.propagationRecursive(), 0, 0, m.propagation());
      }
    }
  }

  static long toMountAttr(long flags) {
    long a = 0;
    a |= (flags & MountFlag.MS_RDONLY.value()) != 0 ? MountAttr.RDONLY : 0;
    a |= (flags & MountFlag.MS_NOSUID.value()) != 0 ? MountAttr.NOSUID : 0;
    a |= (flags & MountFlag.MS_NODEV.value()) != 0 ? MountAttr.NODEV : 0;
    a |= (flags & MountFlag.MS_NOEXEC.value()) != 0 ? MountAttr.NOEXEC : 0;
    a |= (flags & MountFlag.MS_NODIRATIME.value()) != 0 ? MountAttr.NODIRATIME : 0;
    a |= (flags & MountFlag.MS_NOSYMFOLLOW.value()) != 0 ? MountAttr.NOSYMFOLLOW : 0;
    a |= (flags & MountFlag.MS_NOATIME.value()) != 0 ? MountAttr.NOATIME : 0;
    a |= (flags & MountFlag.MS_STRICTATIME.value()) != 0 ? MountAttr.STRICTATIME : 0;
    return a;
  }

  private static long atimeClear(long flags) {
    long atime = MountFlag.MS_NOATIME.value() | MountFlag.MS_STRICTATIME.value()
        | MountFlag.MS_RELATIME.value();
    return (flags & atime) != 0 ? MountAttr.ATIME_MASK : 0;
  }

  /**
   * A {@code cgroup} mount, laid out as runc does. Without a cgroup namespace the container
   * sees only its own cgroup: its directory in each hierarchy is bind-mounted. With one, each
   * hierarchy is mounted afresh and shows the container's cgroup as its root (bound from the
   * host instead inside a user namespace, which may not mount v1 hierarchies). On a unified host
   * that is one cgroup2; otherwise a tmpfs holds one directory per hierarchy.
   */
  private void mountCgroup(Fd root, MountConfig m) throws io.jcrun.linux.SyscallException {
    MountFlags flags = m.flags();
    List<HostInfo.MountPoint> hierarchies = host.cgroupMounts();
    Optional<HostInfo.MountPoint> unified = hierarchies.stream()
        .filter(h -> h.path().equals("/sys/fs/cgroup") && h.fsType().equals("cgroup2"))
        .findFirst();
    if (unified.isPresent()) {
      mountHierarchy(root, m.destination(), unified.get(), flags);
      adjust(root, m.destination(), m, 0);
      return;
    }
    try (Fd target = sys.openInRoot(root, m.destination(), O_PATH | O_DIRECTORY,
        InRootCreate.DIRECTORY)) {
      sys.mountOnFd("tmpfs", target, "tmpfs", flags.without(MountFlag.MS_RDONLY), "mode=755");
    }
    for (HostInfo.MountPoint h : hierarchies) {
      String name = h.path().substring(h.path().lastIndexOf('/') + 1);
      mountHierarchy(root, m.destination().resolve(name), h, flags);
    }
    if (flags.has(MountFlag.MS_RDONLY)) {
      try (Fd target = sys.openInRoot(root, m.destination(), O_PATH, InRootCreate.NONE)) {
        sys.mountSetattr(target, false, MountAttr.RDONLY, 0, 0);
      }
    }
    adjust(root, m.destination(), m, 0);
  }

  private void mountHierarchy(Fd root, ContainerPath dir, HostInfo.MountPoint h, MountFlags flags)
      throws io.jcrun.linux.SyscallException {
    Optional<String> own = cgroupDirs.stream()
        .filter(d -> d.equals(h.path()) || d.startsWith(h.path() + "/")).findFirst();
    boolean bind = !cgroupns || userns;
    if (bind && !cgroupns && own.isEmpty()) {
      return; // a hierarchy the container has no cgroup in (name=systemd): nothing of it to show
    }
    String source = !cgroupns && own.isPresent() ? own.get() : h.path();
    try (Fd target = sys.openInRoot(root, dir, O_PATH | O_DIRECTORY, InRootCreate.DIRECTORY)) {
      if (bind) {
        sys.mountOnFd(source, target, null, MountFlags.of(MountFlag.MS_BIND, MountFlag.MS_REC),
            null);
      } else if (h.fsType().equals("cgroup2")) {
        sys.mountOnFd("cgroup", target, "cgroup2", flags, null);
      } else {
        sys.mountOnFd("cgroup", target, "cgroup", flags, controllers(h.superOptions()));
      }
    }
    if (bind) {
      try (Fd target = sys.openInRoot(root, dir, O_PATH, InRootCreate.NONE)) {
        sys.mountSetattr(target, true, toMountAttr(flags.bits() & BIND_ATTRS),
            atimeClear(flags.bits()), 0);
      }
    }
  }

  /** The controller part of a v1 hierarchy's super options: "rw,cpu" gives "cpu". */
  static String controllers(String superOptions) {
    List<String> out = new ArrayList<>();
    for (String o : superOptions.split(",")) {
      if (!o.equals("rw") && !o.equals("ro") && !o.isEmpty()) {
        out.add(o);
      }
    }
    return String.join(",", out);
  }

  /**
   * Device nodes and the /dev symlinks. On a fresh /dev (a tmpfs the config mounts) nodes are
   * made with mknod, or bind-mounted from the host inside a user namespace where mknod is not
   * allowed; on the rootfs's own /dev everything is bind-mounted, which works whether or not a
   * node is already there.
   */
  private void setupDevices(Fd root) throws io.jcrun.linux.SyscallException {
    boolean freshDev = config.mounts().stream()
        .anyMatch(m -> m.destination().value().equals("/dev") && !m.isBind());
    List<DeviceConfig> devices = new ArrayList<>();
    if (config.setupDev()) {
      for (DeviceConfig d : DEFAULT_DEVICES) {
        if (config.devices().stream().noneMatch(u -> u.path().equals(d.path()))) {
          devices.add(d);
        }
      }
    }
    devices.addAll(config.devices());
    for (int i = 0; i < devices.size(); i++) {
      DeviceConfig d = devices.get(i);
      int user = i - (devices.size() - config.devices().size());
      source.source(user >= 0 ? "linux.devices[" + user + "]" : "default device " + d.path());
      createDevice(root, d, freshDev);
    }
    if (config.setupDev() && freshDev) {
      source.source("/dev symlinks");
      try (Fd dev = sys.openInRoot(root, ContainerPath.of("/dev"), O_PATH | O_DIRECTORY,
          InRootCreate.DIRECTORY)) {
        sys.symlinkat("/proc/self/fd", dev, "fd");
        sys.symlinkat("/proc/self/fd/0", dev, "stdin");
        sys.symlinkat("/proc/self/fd/1", dev, "stdout");
        sys.symlinkat("/proc/self/fd/2", dev, "stderr");
        if (host.hasProcKcore()) {
          sys.symlinkat("/proc/kcore", dev, "core");
        }
        // The container's devpts instance owns its ptys; /dev/ptmx must lead there.
        sys.symlinkat("pts/ptmx", dev, "ptmx");
      }
    }
  }

  private void createDevice(Fd root, DeviceConfig d, boolean freshDev)
      throws io.jcrun.linux.SyscallException {
    if (userns || !freshDev) {
      try (Fd target = sys.openInRoot(root, d.path(), O_PATH, InRootCreate.FILE)) {
        sys.mountOnFd(d.path().value(), target, null, MountFlags.of(MountFlag.MS_BIND), null);
      }
      return;
    }
    try (Fd dir = sys.openInRoot(root, d.path().parent(), O_PATH | O_DIRECTORY,
        InRootCreate.DIRECTORY)) {
      sys.mknodat(dir, d.path().fileName(), d.mknodMode(), d.major(), d.minor());
      sys.fchmodat(dir, d.path().fileName(), d.fileMode());
      sys.fchownat(dir, d.path().fileName(), d.uid(), d.gid(),
          io.jcrun.linux.OpenFlags.AT_SYMLINK_NOFOLLOW);
    }
  }

  /**
   * Changes the root to the rootfs (and re-applies a shared root propagation). Returns an
   * O_PATH fd of the new root.
   */
  public Fd pivot(Fd root, boolean noPivot) throws io.jcrun.linux.SyscallException {
    source.source(noPivot ? "--no-pivot" : "root.path");
    if (noPivot) {
      sys.moveRoot(root);
    } else {
      sys.pivotRoot(root);
    }
    root.close();
    Fd newRoot = sys.openat(Fd.CWD, "/", O_PATH | O_DIRECTORY, 0);
    if ((config.rootPropagation() & MountFlag.MS_SHARED.value()) != 0) {
      source.source("linux.rootfsPropagation");
      sys.mount(null, "/", null, new MountFlags(config.rootPropagation()), null);
    }
    return newRoot;
  }

  /**
   * What comes last, after sysctls are written (runc's order): masked and read-only paths,
   * then a read-only rootfs.
   */
  public void protect(Fd newRoot) throws io.jcrun.linux.SyscallException {
    for (int i = 0; i < config.maskedPaths().size(); i++) {
      source.source("linux.maskedPaths[" + i + "]");
      sys.maskPath(newRoot, config.maskedPaths().get(i));
    }
    for (int i = 0; i < config.readonlyPaths().size(); i++) {
      source.source("linux.readonlyPaths[" + i + "]");
      sys.readonlyPath(newRoot, config.readonlyPaths().get(i));
    }
    if (config.rootfsReadonly()) {
      source.source("root.readonly");
      sys.mountSetattr(newRoot, false, MountAttr.RDONLY, 0, 0);
    }
  }
}
