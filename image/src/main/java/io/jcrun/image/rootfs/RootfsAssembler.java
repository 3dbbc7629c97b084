package io.jcrun.image.rootfs;

import io.jcrun.image.AbsolutePaths;
import io.jcrun.image.Digest;
import io.jcrun.image.Image;
import io.jcrun.image.ImageException;
import io.jcrun.image.ImageLayer;
import io.jcrun.image.ImageStore;
import io.jcrun.image.Progress;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.store.LayerCache;
import io.jcrun.image.store.LayerInfo;
import io.jcrun.linux.Fd;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.overlayfs.OverlayException;
import io.jcrun.overlayfs.OverlayMount;
import io.jcrun.overlayfs.OverlayMounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mounts an image as a rootfs: an overlay of its unpacked layers (unpacking any that are missing)
 * under a container's own upper and work dirs, so the cached layers are shared and never written.
 */
public final class RootfsAssembler {
  private final ImageStore store;
  private final Syscalls syscalls;
  private final OverlayMounter mounter;

  public RootfsAssembler(ImageStore store, Syscalls syscalls) {
    this.store = store;
    this.syscalls = syscalls;
    this.mounter = new OverlayMounter(syscalls);
  }

  /**
   * Mounts {@code image} on {@code target}, which must exist; all paths are absolute. {@code upper} and {@code work} are
   * created when missing and must be on one filesystem; a new upper dir takes the attributes of
   * the image's root directory, which overlayfs shows for the mount's root.
   */
  public AssembledRootfs assemble(Image image, Path target, Path upper, Path work,
      Progress progress) throws ImageException {
    target = AbsolutePaths.require(target, "rootfs mount point");
    upper = AbsolutePaths.require(upper, "overlay upper dir");
    work = AbsolutePaths.require(work, "overlay work dir");
    String operation = "assemble rootfs of " + image.displayName() + " on " + target;
    int unpacked = store.ensureUnpacked(image, progress);
    try {
      List<Path> lowers = lowerDirs(image);
      boolean fresh = !Files.exists(upper);
      Files.createDirectories(upper);
      Files.createDirectories(work);
      if (fresh) {
        copyRootAttributes(image, upper);
      }
      OverlayMount mount = new OverlayMount(lowers, upper, work, target);
      mounter.mount(mount);
      return new AssembledRootfs(mount, unpacked);
    } catch (ImageException e) {
      throw new ImageException(operation + ": " + e.getMessage(), e);
    } catch (OverlayException e) {
      throw new ImageException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageException(operation + ": " + IoFailure.describe(e), e);
    }
  }

  /** Unmounts a rootfs this assembler mounted; false when nothing was mounted there. */
  public boolean disassemble(Path target) throws ImageException {
    try {
      return mounter.unmount(target);
    } catch (OverlayException e) {
      throw new ImageException(e.getMessage(), e);
    }
  }

  /**
   * The layers' dirs, topmost first. A layer listed twice counts once, at its topmost place: the
   * lower copy is entirely shadowed, and overlayfs refuses the same lower dir twice. Below a layer
   * with an opaque root nothing shows, and overlayfs ignores opaque roots, so those layers go.
   */
  private List<Path> lowerDirs(Image image) throws IOException {
    LayerCache cache = store.layerCache();
    List<Path> lowers = new ArrayList<>();
    Set<Digest> seen = new HashSet<>();
    List<ImageLayer> layers = image.layers();
    for (int i = layers.size() - 1; i >= 0; i--) {
      Digest diffId = layers.get(i).diffId();
      if (!seen.add(diffId)) {
        continue;
      }
      lowers.add(cache.diffDir(diffId));
      if (cache.info(diffId).opaqueRoot()) {
        break;
      }
    }
    if (lowers.isEmpty()) {
      lowers.add(Files.createDirectories(store.layout().emptyLayer()));
    }
    return lowers;
  }

  /** Mode and owner of the topmost layer's root entry; without one, 0755 root:root stays. */
  private void copyRootAttributes(Image image, Path upper) throws IOException {
    LayerCache cache = store.layerCache();
    for (int i = image.layers().size() - 1; i >= 0; i--) {
      LayerInfo info = cache.info(image.layers().get(i).diffId());
      if (info.rootMode() != null) {
        try (Fd dir = syscalls.openat(Fd.CWD, upper.toString(),
            io.jcrun.linux.OpenFlags.O_PATH | io.jcrun.linux.OpenFlags.O_DIRECTORY, 0)) {
          syscalls.fchownat(dir, ".", info.rootUid(), info.rootGid(), 0);
          syscalls.fchmodat(dir, ".", info.rootMode());
        } catch (SyscallException e) {
          throw new ImageException("set attributes of " + upper + ": " + e.getMessage(), e);
        }
        return;
      }
    }
  }
}
