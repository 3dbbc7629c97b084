package io.jcrun.cli;

import io.jcrun.image.ImageStore;
import io.jcrun.image.Platforms;
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
    new BundleCreator(store, context.syscalls()).create(reference(store, image), dir, command,
        context.progress());
    return dir;
  }

  /**
   * {@code image} as a reference in the store: a path to an archive or OCI layout on disk is
   * loaded first (its layers unpacked once, as {@code image load}), anything else is a name.
   */
  private String reference(ImageStore store, String image) throws IOException {
    Path archive = context.request().resolve(image);
    if (!Files.exists(archive)) {
      return image;
    }
    List<String> refs = store.load(archive, Platforms.host(), context.progress());
    if (refs.size() != 1) {
      throw new IllegalArgumentException("--image " + image + ": the archive holds "
          + refs.size() + " images " + refs + "; load it with `jcrun image load` and name one");
    }
    return refs.get(0);
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
