package io.jcrun.cli;

import io.jcrun.image.ImageStore;
import io.jcrun.image.bundle.BundleCleaner;
import io.jcrun.image.bundle.BundleCreator;
import io.jcrun.runtime.state.ContainerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bundles {@code run --image} makes, one per container under {@code <image root>/bundles}.
 * The runtime knows nothing of images (as runc); the CLI removes such a bundle when the
 * container goes.
 */
final class ImageBundles {
  private final Context context;
  private final GlobalOptions global;

  ImageBundles(Context context, GlobalOptions global) {
    this.context = context;
    this.global = global;
  }

  private Path dir() {
    return global.imageRoot(context.request()).resolve("bundles");
  }

  Path create(ContainerId id, String image, List<String> command) throws IOException {
    Path dir = dir().resolve(id.value());
    Files.createDirectories(dir().getParent());
    Files.createDirectories(dir());
    ImageStore store = context.images(global);
    new BundleCreator(store, context.syscalls()).create(image, dir, command, context.progress());
    return dir;
  }

  /** Removes {@code bundle} if it is one of ours; other bundles belong to whoever made them. */
  void remove(Path bundle) throws IOException {
    if (!bundle.getParent().equals(dir()) || BundleCleaner.storeRoot(bundle).isEmpty()) {
      return;
    }
    new BundleCleaner(context.images(global), context.syscalls()).cleanup(bundle);
    Files.deleteIfExists(bundle);
  }
}
