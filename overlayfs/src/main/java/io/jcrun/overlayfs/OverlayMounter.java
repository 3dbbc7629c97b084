package io.jcrun.overlayfs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.Errno;
import io.jcrun.linux.Fd;
import io.jcrun.linux.MountFlags;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts and unmounts overlays. A mount whose options fit in one page uses {@code mount(2)};
 * a longer one (many layers) uses the new mount API with one {@code lowerdir+} per layer (Linux
 * 6.8), and on older kernels falls back to naming each lower dir by a short
 * {@code /proc/self/fd/N} path.
 */
public final class OverlayMounter {
  private static final int MNT_DETACH = 2;

  private final Syscalls syscalls;

  public OverlayMounter(Syscalls syscalls) {
    this.syscalls = syscalls;
  }

  /** Mounts {@code overlay}; the target, lower, upper and work dirs must exist. */
  public void mount(OverlayMount overlay) throws OverlayException {
    overlay.validate();
    try {
      if (overlay.fitsInOnePage()) {
        syscalls.mount("overlay", overlay.target().toString(), "overlay", MountFlags.NONE,
            overlay.mountData());
        return;
      }
      if (mountWithLowerdirPlus(overlay)) {
        return;
      }
      mountWithShortNames(overlay);
    } catch (SyscallException e) {
      throw new OverlayException("mount overlay on " + overlay.target() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The new mount API: each lower dir is its own {@code fsconfig} string, so no page limit applies.
   * Returns false when the kernel does not know {@code lowerdir+}.
   */
  private boolean mountWithLowerdirPlus(OverlayMount overlay) throws SyscallException {
    try (Fd fs = syscalls.fsopen("overlay")) {
      syscalls.fsconfigSetString(fs, "source", "overlay");
      try {
        syscalls.fsconfigSetString(fs, "lowerdir+", overlay.lowerDirs().getFirst().toString());
      } catch (SyscallException e) {
        if (e.is(Errno.EINVAL)) {
          return false; // before Linux 6.8 overlayfs rejects the unknown key
        }
        throw e;
      }
      for (Path lower : overlay.lowerDirs().subList(1, overlay.lowerDirs().size())) {
        syscalls.fsconfigSetString(fs, "lowerdir+", lower.toString());
      }
      syscalls.fsconfigSetString(fs, "upperdir", overlay.upperDir().toString());
      syscalls.fsconfigSetString(fs, "workdir", overlay.workDir().toString());
      for (String option : overlay.options()) {
        int eq = option.indexOf('=');
        if (eq < 0) {
          syscalls.fsconfigSetFlag(fs, option);
        } else {
          syscalls.fsconfigSetString(fs, option.substring(0, eq), option.substring(eq + 1));
        }
      }
      syscalls.fsconfigCreate(fs);
      try (Fd mount = syscalls.fsmount(fs, 0)) {
        syscalls.moveMount(mount, overlay.target().toString());
      }
      return true;
    }
  }

  /**
   * Names every lower dir by an fd opened here, {@code /proc/self/fd/N}: about 17 bytes a layer
   * whatever the store's path. The kernel resolves them while mounting; the fds close afterwards.
   */
  private void mountWithShortNames(OverlayMount overlay)
      throws SyscallException, OverlayException {
    List<Fd> fds = new ArrayList<>();
    try {
      List<String> shortNames = new ArrayList<>();
      for (Path lower : overlay.lowerDirs()) {
        Fd fd = syscalls.openat(Fd.CWD, lower.toString(), OpenFlags.O_PATH | OpenFlags.O_DIRECTORY,
            0);
        fds.add(fd);
        shortNames.add("/proc/self/fd/" + fd.number());
      }
      String data = overlay.mountData(shortNames);
      int length = data.getBytes(UTF_8).length;
      if (length > OverlayMount.MAX_MOUNT_DATA) {
        throw new OverlayException("mount overlay on " + overlay.target() + ": "
            + overlay.lowerDirs().size() + " lower dirs need " + length + " bytes of options even"
            + " with short names, more than the " + OverlayMount.MAX_MOUNT_DATA + " of one page,"
            + " and this kernel has no lowerdir+ (Linux 6.8)");
      }
      syscalls.mount("overlay", overlay.target().toString(), "overlay", MountFlags.NONE, data);
    } finally {
      fds.forEach(Fd::close);
    }
  }

  /**
   * Unmounts {@code target}, lazily when it is busy. Returns false when nothing was mounted
   * there, so cleanup can run twice.
   */
  public boolean unmount(Path target) throws OverlayException {
    try {
      syscalls.umount2(target.toString(), 0);
      return true;
    } catch (SyscallException e) {
      if (e.is(Errno.EINVAL) || e.is(Errno.ENOENT)) {
        return false;
      }
      if (!e.is(Errno.EBUSY)) {
        throw new OverlayException("unmount " + target + ": " + e.getMessage(), e);
      }
    }
    try {
      // Something (a shell's cwd, a leftover process) still uses it: detach now, free later.
      syscalls.umount2(target.toString(), MNT_DETACH);
      return true;
    } catch (SyscallException e) {
      throw new OverlayException("unmount " + target + ": " + e.getMessage(), e);
    }
  }
}
