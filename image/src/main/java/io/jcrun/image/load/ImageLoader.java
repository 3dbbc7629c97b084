package io.jcrun.image.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.BlobVerificationException;
import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.image.LayerException;
import io.jcrun.image.Platforms;
import io.jcrun.image.Progress;
import io.jcrun.image.layer.Compression;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.store.ImageRecords;
import io.jcrun.image.store.LayerCache;
import io.jcrun.image.store.Lease;
import io.jcrun.image.store.ParallelTasks;
import io.jcrun.image.store.StoreLayout;
import io.jcrun.image.store.StoreLock;
import io.jcrun.spec.SpecMapper;
import io.jcrun.spec.image.Descriptor;
import io.jcrun.spec.image.ImageManifest;
import io.jcrun.spec.image.MediaTypes;
import io.jcrun.spec.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports the images of an archive into the store. Everything is staged under a lease first:
 * blobs are verified against their digests and sizes as they stream, layers are unpacked in
 * parallel and checked against their diff ids, and only when all of it passed are the blobs and
 * layers renamed into place and the names recorded, under the store lock. A failure leaves the
 * store as it was.
 *
 * <pre>
 * archive ──(tar? stage)──▶ layout dir ──▶ plans (index, manifests, configs verified)
 *   ──lock: lease protects digests──▶ per layer, in parallel:
 *        blob ─▶ hash+size check ─▶ [copy to staged blob] ─▶ decompress ─▶ diff id check ─▶ apply
 *   ──lock: rename blobs and layers into place, update images.json──▶ names
 * </pre>
 */
public final class ImageLoader {
  private final StoreLayout layout;
  private final StoreLock lock;
  private final LayerCache layers;
  private final ImageRecords records;

  public ImageLoader(StoreLayout layout, StoreLock lock, LayerCache layers, ImageRecords records) {
    this.layout = layout;
    this.lock = lock;
    this.layers = layers;
    this.records = records;
  }

  /** One layer blob to read: maybe unpacked, maybe stored, maybe both. */
  private static final class BlobTask {
    final LayerPlan plan;
    final boolean unpack;
    final boolean store;
    final Path stagedBlob;
    final Path stagedLayer;
    Digest digest;
    long size;
    Compression compression;

    BlobTask(LayerPlan plan, boolean unpack, boolean store, Path stagedBlob, Path stagedLayer) {
      this.plan = plan;
      this.unpack = unpack;
      this.store = store;
      this.stagedBlob = stagedBlob;
      this.stagedLayer = stagedLayer;
      this.digest = plan.digest();
      this.size = plan.size();
    }
  }

  /** Imports {@code archive}; returns each image's names, or its digest when it has none. */
  public List<String> load(Path archive, Platform platform, Progress progress)
      throws ImageException {
    String operation = "load " + archive;
    Lease lease;
    try (var _ = lock.acquire()) {
      lease = Lease.create(layout);
    }
    try (lease) {
      LayoutDirectory dir = open(archive, lease);
      List<ImagePlan> plans = plans(dir, platform);
      List<BlobTask> tasks = decide(plans, lease);
      run(dir, tasks, progress);
      List<ImagePlan> complete = completeManifests(plans, tasks);
      Map<Path, Digest> stagedBlobs = stageSmallBlobs(complete, tasks, lease);
      return commit(complete, tasks, stagedBlobs);
    } catch (ImageException e) {
      throw withOperation(operation, e);
    } catch (IOException e) {
      throw new ImageException(operation + ": " + IoFailure.describe(e), e);
    } finally {
      progress.finished();
    }
  }

  private static ImageException withOperation(String operation, ImageException e) {
    String message = operation + ": " + e.getMessage();
    ImageException wrapped = switch (e) {
      case BlobVerificationException _ -> new BlobVerificationException(message);
      case LayerException _ -> new LayerException(message, e);
      default -> new ImageException(message, e);
    };
    if (wrapped.getCause() == null) {
      wrapped.initCause(e);
    }
    return wrapped;
  }

  private static LayoutDirectory open(Path archive, Lease lease) throws IOException {
    if (Files.isDirectory(archive)) {
      return new LayoutDirectory(archive, false, Map.of());
    }
    if (!Files.isRegularFile(archive)) {
      throw new ImageException("no such file or directory");
    }
    return ArchiveStager.stage(archive, lease.dir().resolve("archive"));
  }

  private static List<ImagePlan> plans(LayoutDirectory dir, Platform platform)
      throws ImageException {
    if (OciLayoutReader.isLayout(dir)) {
      return OciLayoutReader.plans(dir, platform);
    }
    if (DockerArchiveReader.isArchive(dir)) {
      return DockerArchiveReader.plans(dir);
    }
    throw new ImageException("neither an OCI image layout (oci-layout, index.json) nor a"
        + " docker save archive (manifest.json)");
  }

  /**
   * Under the store lock: protects every digest the import relies on, then decides per layer blob
   * whether to unpack it (the first blob of a diff id not yet unpacked) and whether to store it.
   */
  private List<BlobTask> decide(List<ImagePlan> plans, Lease lease) throws ImageException {
    Set<Digest> protect = new LinkedHashSet<>();
    Map<String, LayerPlan> unique = new LinkedHashMap<>();
    for (ImagePlan plan : plans) {
      if (plan.manifestDigest() != null) {
        protect.add(plan.manifestDigest());
      }
      protect.add(plan.configDigest());
      for (LayerPlan l : plan.layers()) {
        unique.putIfAbsent(l.path(), l);
        protect.add(l.diffId());
        if (l.digest() != null) {
          protect.add(l.digest());
        }
      }
    }
    List<BlobTask> tasks = new ArrayList<>();
    try (var _ = lock.acquire()) {
      lease.protect(protect);
      Set<Digest> unpacking = new HashSet<>();
      int n = 0;
      for (LayerPlan l : unique.values()) {
        boolean unpack = !layers.contains(l.diffId()) && unpacking.add(l.diffId());
        boolean store = l.digest() == null || !Files.exists(layout.blob(l.digest()));
        n++;
        tasks.add(new BlobTask(l, unpack, store,
            store ? lease.dir().resolve("blobs").resolve("layer-" + n) : null,
            unpack ? lease.dir().resolve("layers").resolve("layer-" + n) : null));
      }
    }
    return tasks;
  }

  private void run(LayoutDirectory dir, List<BlobTask> tasks, Progress progress)
      throws IOException {
    long total = 0;
    Map<BlobTask, Long> sizes = new java.util.IdentityHashMap<>();
    for (BlobTask t : tasks) {
      long size = t.size >= 0 ? t.size : dir.size(t.plan.path());
      sizes.put(t, size);
      if (t.unpack || t.store) {
        total += size;
      }
    }
    progress.started(tasks.size(), total);
    // Largest first: the last layer to start is then a small one, and the threads end together.
    List<BlobTask> ordered = new ArrayList<>(tasks);
    ordered.sort(java.util.Comparator.comparing(sizes::get).reversed());
    List<ParallelTasks.Task> work = new ArrayList<>();
    for (BlobTask t : ordered) {
      Digest shown = t.digest != null ? t.digest : t.plan.diffId();
      if (!t.unpack && !t.store) {
        progress.layerDone(shown, true);
        continue;
      }
      work.add(() -> {
        progress.layerStarted(shown, t.size);
        read(dir, t, progress);
        progress.layerDone(shown, false);
      });
    }
    ParallelTasks.run(work, "jcrun-load");
  }

  /**
   * Reads one blob once, hashing it and unpacking it when needed. A blob to store is first put
   * into the staging dir (a hard link to a staged archive's file, or a kernel-side copy of a
   * user's file) and read from there, so the bytes verified are the bytes committed, whatever
   * happens to the source meanwhile.
   */
  private void read(LayoutDirectory dir, BlobTask t, Progress progress) throws IOException {
    LayerPlan l = t.plan;
    Path source = dir.file(l.path());
    if (!Files.isRegularFile(source)) {
      throw new ImageException("blob " + (l.digest() != null ? l.digest() : l.path())
          + ": not in the archive");
    }
    if (t.store) {
      Files.createDirectories(t.stagedBlob.getParent());
      Path staged = dir.stagedFile(l.path());
      if (staged != null) {
        Files.createLink(t.stagedBlob, staged);
      } else {
        Files.copy(source, t.stagedBlob); // copy_file_range: no trip through this process
      }
      source = t.stagedBlob;
    }
    try (InputStream raw = Files.newInputStream(source)) {
      LayerCache.BlobRead read = layers.readBlob(raw, l.digest(), l.size(), l.diffId(),
          t.unpack ? t.stagedLayer : null, progress::bytesRead);
      t.digest = read.digest();
      t.size = read.size();
      t.compression = read.compression();
    }
  }

  /** Writes the manifest of each {@code docker save} image, now that layer digests are known. */
  private static List<ImagePlan> completeManifests(List<ImagePlan> plans, List<BlobTask> tasks) {
    Map<String, BlobTask> byPath = new LinkedHashMap<>();
    tasks.forEach(t -> byPath.put(t.plan.path(), t));
    List<ImagePlan> out = new ArrayList<>();
    for (ImagePlan plan : plans) {
      if (plan.manifestDigest() != null) {
        out.add(plan);
        continue;
      }
      List<Descriptor> layerDescriptors = new ArrayList<>();
      for (LayerPlan l : plan.layers()) {
        BlobTask t = byPath.get(l.path());
        layerDescriptors.add(new Descriptor(mediaType(t.compression), t.digest.toString(), t.size,
            null, null, null, null, null));
      }
      ImageManifest manifest = new ImageManifest(2, MediaTypes.OCI_MANIFEST, null,
          new Descriptor(MediaTypes.OCI_CONFIG, plan.configDigest().toString(),
              (long) plan.configBytes().length, null, null, null, null, null),
          layerDescriptors, null, null);
      byte[] bytes = SpecMapper.write(manifest).getBytes(UTF_8);
      out.add(plan.withManifest(Digest.sha256(bytes), bytes, manifest));
    }
    return out;
  }

  private static String mediaType(Compression compression) {
    return switch (compression) {
      case NONE -> MediaTypes.OCI_LAYER_TAR;
      case GZIP -> MediaTypes.OCI_LAYER_TAR_GZIP;
      case ZSTD -> MediaTypes.OCI_LAYER_TAR_ZSTD;
    };
  }

  /** Stages manifests and configs the store lacks; returns every staged blob with its digest. */
  private Map<Path, Digest> stageSmallBlobs(List<ImagePlan> plans, List<BlobTask> tasks,
      Lease lease) throws IOException {
    Map<Path, Digest> staged = new LinkedHashMap<>();
    for (BlobTask t : tasks) {
      if (t.store) {
        staged.put(t.stagedBlob, t.digest);
      }
    }
    Path dir = lease.dir().resolve("blobs");
    Files.createDirectories(dir);
    Set<Digest> seen = new HashSet<>();
    int n = 0;
    for (ImagePlan plan : plans) {
      for (var blob : List.of(Map.entry(plan.manifestDigest(), plan.manifestBytes()),
          Map.entry(plan.configDigest(), plan.configBytes()))) {
        if (seen.add(blob.getKey()) && !Files.exists(layout.blob(blob.getKey()))) {
          Path file = dir.resolve("json-" + (++n));
          Files.write(file, blob.getValue());
          staged.put(file, blob.getKey());
        }
      }
    }
    return staged;
  }

  /** Under the store lock: renames blobs and layers into place, then records the images. */
  private List<String> commit(List<ImagePlan> plans, List<BlobTask> tasks,
      Map<Path, Digest> stagedBlobs) throws IOException {
    try (var _ = lock.acquire()) {
      for (var e : stagedBlobs.entrySet()) {
        Path target = layout.blob(e.getValue());
        Files.createDirectories(target.getParent());
        Files.move(e.getKey(), target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
      for (BlobTask t : tasks) {
        if (t.unpack) {
          layers.commit(t.stagedLayer, t.plan.diffId());
        }
      }
      List<ImageRecords.Entry> entries = new ArrayList<>(records.read());
      List<String> result = new ArrayList<>();
      String now = Instant.now().toString();
      for (ImagePlan plan : plans) {
        String digest = plan.manifestDigest().toString();
        Set<String> names = new LinkedHashSet<>(plan.names());
        // A name moves to the image loaded now, as docker load moves tags.
        entries.replaceAll(e -> e.digest().equals(digest) ? e : new ImageRecords.Entry(
            e.digest(), e.names().stream().filter(x -> !names.contains(x)).toList(),
            e.platform(), e.loaded()));
        int index = indexOf(entries, digest);
        if (index >= 0) {
          names.addAll(entries.get(index).names());
          entries.remove(index);
        }
        entries.add(new ImageRecords.Entry(digest, List.copyOf(names), platform(plan), now));
        result.addAll(plan.names().isEmpty() ? List.of(digest) : plan.names());
      }
      records.write(entries);
      return result;
    }
  }

  private static int indexOf(List<ImageRecords.Entry> entries, String digest) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).digest().equals(digest)) {
        return i;
      }
    }
    return -1;
  }

  private static String platform(ImagePlan plan) {
    var c = plan.config();
    if (c.os() == null || c.architecture() == null) {
      return null;
    }
    return Platforms.format(new Platform(c.architecture(), c.os(), null, null, c.variant()));
  }
}
