package io.jcrun.image.store;

import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.layer.TreeRemoval;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import io.jcrun.spec.image.Descriptor;
import io.jcrun.spec.image.ImageConfig;
import io.jcrun.spec.image.ImageManifest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Mark and sweep over the store; run it under the store lock. The roots are the recorded images,
 * the images containers hold and the digests of live leases. Everything a root's manifest
 * reaches (config, layer blobs, unpacked layers by diff id) stays; every other blob and layer
 * goes, and so do the staging dirs of dead operations.
 */
public final class GarbageCollector {
  /** What a sweep removed. */
  public record Swept(int blobs, int layers, long bytes) {}

  private final StoreLayout layout;

  public GarbageCollector(StoreLayout layout) {
    this.layout = layout;
  }

  public Swept sweep(Collection<Digest> rootImages) throws ImageException {
    try {
      Set<Digest> live = new HashSet<>(Lease.live(layout, true));
      for (Digest image : rootImages) {
        mark(image, live);
      }
      long[] bytes = {0};
      int blobs = 0;
      for (Path blob : entries(layout.blobs())) {
        if (!live.contains(new Digest(blob.getParent().getFileName().toString(),
            blob.getFileName().toString()))) {
          bytes[0] += size(blob);
          Files.deleteIfExists(blob);
          blobs++;
        }
      }
      int layers = 0;
      for (Path layer : entries(layout.layers())) {
        if (!live.contains(new Digest(layer.getParent().getFileName().toString(),
            layer.getFileName().toString()))) {
          // Out of sight first (one rename), then deleted at leisure.
          Path trash = layout.tmp().resolve("trash-" + UUID.randomUUID());
          Files.createDirectories(layout.tmp());
          Files.move(layer, trash);
          bytes[0] += size(trash);
          TreeRemoval.remove(trash);
          layers++;
        }
      }
      return new Swept(blobs, layers, bytes[0]);
    } catch (IOException e) {
      throw new ImageException("prune " + layout.root() + ": " + IoFailure.describe(e), e);
    }
  }

  /** Marks the manifest {@code image} and what it reaches; a missing blob just ends the walk. */
  private void mark(Digest image, Set<Digest> live) throws IOException {
    live.add(image);
    ImageManifest manifest = readJson(image, ImageManifest.class);
    if (manifest == null || manifest.config() == null) {
      return;
    }
    Digest config = Digest.parse(manifest.config().digest());
    live.add(config);
    for (Descriptor layer : manifest.layers() == null ? List.<Descriptor>of()
        : manifest.layers()) {
      live.add(Digest.parse(layer.digest()));
    }
    ImageConfig parsed = readJson(config, ImageConfig.class);
    if (parsed != null && parsed.rootFs() != null && parsed.rootFs().diffIds() != null) {
      parsed.rootFs().diffIds().stream().map(Digest::parse).forEach(live::add);
    }
  }

  private <T> T readJson(Digest digest, Class<T> type) throws IOException {
    try {
      return SpecMapper.read(Files.readAllBytes(layout.blob(digest)), type);
    } catch (NoSuchFileException e) {
      return null;
    } catch (SpecException | IllegalArgumentException e) {
      return null; // not what a manifest reaches; nothing more to mark
    }
  }

  /** {@code DIR/ALG/HEX} entries whose names are valid digests. */
  private static List<Path> entries(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(dir)) {
      for (Path algorithm : algorithms) {
        if (!Files.isDirectory(algorithm)) {
          continue;
        }
        try (DirectoryStream<Path> items = Files.newDirectoryStream(algorithm)) {
          for (Path item : items) {
            String value = algorithm.getFileName() + ":" + item.getFileName();
            if (Digest.isDigest(value)) {
              out.add(item);
            }
          }
        }
      }
    }
    return out;
  }

  private static long size(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.size(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
