package io.jcrun.image.bundle;

import io.jcrun.image.AbsolutePaths;
import io.jcrun.image.ImageException;
import io.jcrun.image.ImageStore;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.layer.TreeRemoval;
import io.jcrun.image.store.Holds;
import io.jcrun.linux.Syscalls;
import io.jcrun.overlayfs.OverlayException;
import io.jcrun.overlayfs.OverlayMounter;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Undoes {@link BundleCreator}: unmounts {@code DIR/rootfs}, removes the container's upper and
 * work dirs, releases the hold on the image, and removes the files it wrote (and the bundle dir
 * when it made it). Safe to run twice and on half-made bundles.
 */
public final class BundleCleaner {
  private final ImageStore store;
  private final OverlayMounter mounter;

  public BundleCleaner(ImageStore store, Syscalls syscalls) {
    this.store = store;
    this.mounter = new OverlayMounter(syscalls);
  }

  /**
   * The store root a bundle was made with, as its marker records it, so that {@code delete} can
   * open the right store; empty when the bundle was not made from an image.
   */
  public static Optional<Path> storeRoot(Path bundleDir) throws ImageException {
    return BundleMarker.read(AbsolutePaths.require(bundleDir, "bundle dir"))
        .map(m -> Path.of(m.storeRoot()));
  }

  /** Returns false when {@code bundleDir} was not made from an image (nothing to do). */
  public boolean cleanup(Path bundleDir) throws ImageException {
    Path dir = AbsolutePaths.require(bundleDir, "bundle dir");
    Optional<BundleMarker> marker = BundleMarker.read(dir);
    if (marker.isEmpty()) {
      return false;
    }
    String operation = "clean up bundle " + dir;
    try {
      String holder = Holds.checkId(marker.get().holder());
      Path rootfs = dir.resolve("rootfs");
      mounter.unmount(rootfs);
      TreeRemoval.remove(store.layout().mount(holder));
      store.release(holder);
      Files.deleteIfExists(dir.resolve("config.json"));
      try {
        Files.deleteIfExists(rootfs);
      } catch (DirectoryNotEmptyException e) {
        throw new ImageException("rootfs " + rootfs + " is not empty after unmounting it");
      }
      Files.delete(BundleMarker.file(dir));
      if (marker.get().createdDir()) {
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
          // the caller put files of its own there; they stay
        }
      }
      return true;
    } catch (OverlayException e) {
      throw new ImageException(operation + ": " + e.getMessage(), e);
    } catch (ImageException e) {
      throw new ImageException(operation + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageException(operation + ": " + IoFailure.describe(e), e);
    }
  }
}
