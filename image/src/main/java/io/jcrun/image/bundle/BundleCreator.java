package io.jcrun.image.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.Image;
import io.jcrun.image.AbsolutePaths;
import io.jcrun.image.ImageException;
import io.jcrun.image.ImageStore;
import io.jcrun.image.Progress;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.rootfs.AssembledRootfs;
import io.jcrun.image.rootfs.RootfsAssembler;
import io.jcrun.image.store.AtomicWrite;
import io.jcrun.linux.Syscalls;
import io.jcrun.spec.Spec;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Makes an OCI bundle from an image: mounts the image's overlay at {@code DIR/rootfs} (upper and
 * work dirs in the store, one pair per bundle), writes {@code DIR/config.json} from the image
 * config, and holds the image so prune keeps it. {@link BundleCleaner#cleanup} undoes all of it;
 * a failure here undoes what was done before it is reported.
 */
public final class BundleCreator {
  private final ImageStore store;
  private final Syscalls syscalls;
  private final RootfsAssembler assembler;
  private final BundleCleaner cleaner;

  public BundleCreator(ImageStore store, Syscalls syscalls) {
    this.store = store;
    this.syscalls = syscalls;
    this.assembler = new RootfsAssembler(store, syscalls);
    this.cleaner = new BundleCleaner(store, syscalls);
  }

  public ImageBundle create(String reference, Path bundleDir, List<String> command)
      throws ImageException {
    return create(reference, bundleDir, command, Progress.NONE);
  }

  /**
   * Creates the bundle {@code bundleDir} (made when missing; it must not hold a config.json or a
   * non-empty rootfs) from the image {@code reference}.
   *
   * @param command replaces the image's Cmd when not empty
   * @throws io.jcrun.image.ImageNotFoundException when no image has that reference
   * @throws ImageException for anything else, after undoing what was done
   */
  public ImageBundle create(String reference, Path bundleDir, List<String> command,
      Progress progress) throws ImageException {
    Image image = store.resolve(reference);
    Path dir = AbsolutePaths.require(bundleDir, "bundle dir");
    String operation = "create bundle " + dir + " from " + reference;
    try {
      checkEmpty(dir);
    } catch (IOException e) {
      throw new ImageException(operation + ": " + IoFailure.describe(e), e);
    }
    boolean createdDir = !Files.exists(dir);
    String holder = UUID.randomUUID().toString().replace("-", "");
    try {
      Files.createDirectories(dir);
      new BundleMarker(image.digest().toString(), holder, createdDir, store.root().toString())
          .write(dir);
      store.retain(holder, image.digest());
      Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
      Path mounts = store.layout().mount(holder);
      AssembledRootfs assembled = assembler.assemble(image, rootfs, mounts.resolve("upper"),
          mounts.resolve("work"), progress);
      ResolvedUser user = UserResolver.resolve(
          image.config().config() == null ? null : image.config().config().user(),
          RootfsFiles.read(syscalls, rootfs, "/etc/passwd"),
          RootfsFiles.read(syscalls, rootfs, "/etc/group"));
      Spec spec = BundleConfigConverter.convert(image.config(), command, user);
      AtomicWrite.write(dir.resolve("config.json"),
          (SpecMapper.writePretty(spec) + "\n").getBytes(UTF_8));
      return new ImageBundle(dir, rootfs, image.digest(), holder, assembled.unpackedLayers());
    } catch (IOException e) {
      ImageException failure = new ImageException(operation + ": "
          + (e instanceof ImageException ? e.getMessage() : IoFailure.describe(e)), e);
      try {
        cleaner.cleanup(dir);
      } catch (ImageException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  private static void checkEmpty(Path dir) throws IOException {
    if (Files.exists(dir.resolve("config.json"))) {
      throw new ImageException("it already has a config.json");
    }
    if (Files.exists(BundleMarker.file(dir))) {
      throw new ImageException("it already holds a bundle made from an image");
    }
    Path rootfs = dir.resolve("rootfs");
    if (Files.isDirectory(rootfs)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(rootfs)) {
        if (entries.iterator().hasNext()) {
          throw new ImageException("its rootfs is not empty");
        }
      }
    }
  }
}
