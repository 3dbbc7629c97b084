package io.jcrun.image;

import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.load.ImageLoader;
import io.jcrun.image.store.GarbageCollector;
import io.jcrun.image.store.Holds;
import io.jcrun.image.store.ImageRecords;
import io.jcrun.image.store.LayerCache;
import io.jcrun.image.store.Lease;
import io.jcrun.image.store.ParallelTasks;
import io.jcrun.image.store.StoreLayout;
import io.jcrun.image.store.StoreLock;
import io.jcrun.linux.Syscalls;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import io.jcrun.spec.image.Descriptor;
import io.jcrun.spec.image.ImageConfig;
import io.jcrun.spec.image.ImageManifest;
import io.jcrun.spec.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image store the CLI calls: import ({@link #load}), list, resolve, remove, prune, and holds
 * that keep a container's image from being pruned. Every method is safe to call from several
 * threads and processes at once on the same root (see {@link StoreLayout} for the layout). Paths
 * given to it are absolute: the CLI resolves them against the request's working directory.
 */
public final class ImageStore {
  /** The store root when the CLI is given none. */
  public static final Path DEFAULT_ROOT = Path.of("/var/lib/jcrun");

  private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{6,128}");

  private final StoreLayout layout;
  private final StoreLock lock;
  private final ImageRecords records;
  private final Holds holds;
  private final LayerCache layers;

  public ImageStore(Path root, Syscalls syscalls) {
    this.layout = new StoreLayout(AbsolutePaths.require(root, "image store root"));
    this.lock = new StoreLock(layout.lockFile());
    this.records = new ImageRecords(layout.imagesFile());
    this.holds = new Holds(layout);
    this.layers = new LayerCache(layout, syscalls);
  }

  public Path root() {
    return layout.root();
  }

  /** The layout of this store, for the rootfs assembler and the bundle tools. */
  public StoreLayout layout() {
    return layout;
  }

  /** The unpacked layers of this store. */
  public LayerCache layerCache() {
    return layers;
  }

  /**
   * Imports the images of an OCI layout (a directory, or a tar of one, maybe compressed) or a
   * {@code docker save} archive. From a multi-platform image only the manifest for {@code platform}
   * is imported. Returns each image's names (references), or its manifest digest when it has none.
   *
   * @throws BlobVerificationException when content does not match its digest, size or diff id
   * @throws LayerException when a layer cannot be read or applied
   * @throws ImageException for anything else; in every case the store is left as it was
   */
  public List<String> load(Path archive, Platform platform, Progress progress)
      throws ImageException {
    return new ImageLoader(layout, lock, layers, records).load(
        AbsolutePaths.require(archive, "image archive"), platform, progress);
  }

  /** Every image in the store, in load order. */
  public List<Image> list() throws ImageException {
    List<Image> out = new ArrayList<>();
    for (ImageRecords.Entry e : records.read()) {
      out.add(toImage(e));
    }
    return out;
  }

  /**
   * The image {@code reference} names: a name ({@code busybox}, {@code busybox:latest}, {@code
   * docker.io/library/busybox:latest}), a manifest digest, or a unique prefix of its hex.
   *
   * @throws ImageNotFoundException when nothing matches
   */
  public Image resolve(String reference) throws ImageException {
    return toImage(find(records.read(), reference, "find image"));
  }

  /**
   * The image {@code reference} names, with the state of its layers in the store and its holders.
   *
   * @throws ImageNotFoundException when nothing matches
   */
  public ImageDetails inspect(String reference) throws ImageException {
    Image image = resolve(reference);
    List<ImageDetails.LayerState> states = new ArrayList<>();
    for (ImageLayer l : image.layers()) {
      states.add(new ImageDetails.LayerState(l, layers.contains(l.diffId()),
          layers.diffDir(l.diffId())));
    }
    List<String> holders = new ArrayList<>();
    holds.all().forEach((holder, digest) -> {
      if (digest.equals(image.digest())) {
        holders.add(holder);
      }
    });
    return new ImageDetails(image, states, holders);
  }

  /**
   * Removes a name; when {@code reference} is a digest, or the image has no name left, the image
   * itself, with every blob and layer nothing else uses (held images keep theirs).
   */
  public Removal remove(String reference) throws ImageException {
    try (var _ = lock.acquire()) {
      List<ImageRecords.Entry> entries = new ArrayList<>(records.read());
      ImageRecords.Entry entry = find(entries, reference, "remove image");
      boolean byName = entry.names().contains(reference) || !isDigestLike(reference, entry);
      List<String> untagged = byName ? List.of(nameIn(entry, reference)) : entry.names();
      List<String> left = entry.names().stream().filter(n -> !untagged.contains(n)).toList();
      int index = entries.indexOf(entry);
      Optional<Digest> deleted = Optional.empty();
      if (left.isEmpty()) {
        entries.remove(index);
        deleted = Optional.of(Digest.parse(entry.digest()));
      } else {
        entries.set(index, new ImageRecords.Entry(entry.digest(), left, entry.platform(),
            entry.loaded()));
      }
      records.write(entries);
      if (deleted.isPresent()) {
        new GarbageCollector(layout).sweep(roots(entries));
      }
      return new Removal(untagged, deleted);
    }
  }

  /**
   * Removes images that have no name and no holder, then every blob, unpacked layer and staging
   * dir that no image, holder or running operation uses.
   */
  public PruneResult prune() throws ImageException {
    try (var _ = lock.acquire()) {
      Set<String> heldImages = new LinkedHashSet<>();
      holds.all().values().forEach(d -> heldImages.add(d.toString()));
      List<ImageRecords.Entry> kept = new ArrayList<>();
      List<Digest> removed = new ArrayList<>();
      for (ImageRecords.Entry e : records.read()) {
        if (e.names().isEmpty() && !heldImages.contains(e.digest())) {
          removed.add(Digest.parse(e.digest()));
        } else {
          kept.add(e);
        }
      }
      if (!removed.isEmpty()) {
        records.write(kept);
      }
      GarbageCollector.Swept swept = new GarbageCollector(layout).sweep(roots(kept));
      return new PruneResult(removed, swept.blobs(), swept.layers(), swept.bytes());
    }
  }

  /** Records that {@code holder} (a container) uses {@code image}; prune keeps it till released. */
  public void retain(String holder, Digest image) throws ImageException {
    try (var _ = lock.acquire()) {
      holds.add(holder, image);
    }
  }

  /** Ends a hold; returns whether there was one. */
  public boolean release(String holder) throws ImageException {
    try (var _ = lock.acquire()) {
      return holds.remove(holder);
    }
  }

  /** Every holder and the image it holds. */
  public Map<String, Digest> holders() throws ImageException {
    return holds.all();
  }

  /**
   * Unpacks the layers of {@code image} that are not unpacked yet (after a prune, say) from the
   * store's blobs, in parallel. Returns how many it unpacked: 0 when every layer was cached.
   */
  public int ensureUnpacked(Image image, Progress progress) throws ImageException {
    Map<Digest, ImageLayer> missing = new java.util.LinkedHashMap<>();
    for (ImageLayer l : image.layers()) {
      if (!layers.contains(l.diffId())) {
        missing.putIfAbsent(l.diffId(), l);
      }
    }
    if (missing.isEmpty()) {
      return 0;
    }
    String operation = "unpack image " + image.displayName();
    Lease lease;
    try (var _ = lock.acquire()) {
      lease = Lease.create(layout);
      Set<Digest> protect = new LinkedHashSet<>();
      protect.add(image.digest());
      image.layers().forEach(l -> {
        protect.add(l.blob());
        protect.add(l.diffId());
      });
      lease.protect(protect);
    }
    try (lease) {
      progress.started(missing.size(), missing.values().stream().mapToLong(ImageLayer::size)
          .sum());
      List<ParallelTasks.Task> work = new ArrayList<>();
      int n = 0;
      for (ImageLayer l : missing.values()) {
        Path staging = lease.dir().resolve("layer-" + (++n));
        work.add(() -> {
          progress.layerStarted(l.blob(), l.size());
          try (InputStream raw = Files.newInputStream(layout.blob(l.blob()))) {
            layers.readBlob(raw, l.blob(), l.size(), l.diffId(), staging, progress::bytesRead);
          } catch (NoSuchFileException e) {
            throw new ImageException("layer " + l.diffId() + ": its blob " + l.blob()
                + " is not in the store; load the image again");
          }
          progress.layerDone(l.blob(), false);
        });
      }
      ParallelTasks.run(work, "jcrun-unpack");
      try (var _ = lock.acquire()) {
        n = 0;
        for (ImageLayer l : missing.values()) {
          layers.commit(lease.dir().resolve("layer-" + (++n)), l.diffId());
        }
      }
      return missing.size();
    } catch (ImageException e) {
      throw new ImageException(operation + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageException(operation + ": " + IoFailure.describe(e), e);
    } finally {
      progress.finished();
    }
  }

  private List<Digest> roots(List<ImageRecords.Entry> entries) throws ImageException {
    Set<Digest> roots = new LinkedHashSet<>();
    entries.forEach(e -> roots.add(Digest.parse(e.digest())));
    roots.addAll(holds.all().values());
    return List.copyOf(roots);
  }

  private static boolean isDigestLike(String reference, ImageRecords.Entry entry) {
    return reference.equals(entry.digest()) || entry.digest().endsWith(":" + reference)
        || (HEX_PREFIX.matcher(reference).matches()
            && entry.digest().substring(entry.digest().indexOf(':') + 1).startsWith(reference));
  }

  private static String nameIn(ImageRecords.Entry entry, String reference) {
    if (entry.names().contains(reference)) {
      return reference;
    }
    String wanted = canonicalName(reference);
    for (String name : entry.names()) {
      if (canonicalName(name).equals(wanted)) {
        return name;
      }
    }
    return reference;
  }

  private static ImageRecords.Entry find(List<ImageRecords.Entry> entries, String reference,
      String operation) throws ImageException {
    if (Digest.isDigest(reference)) {
      for (ImageRecords.Entry e : entries) {
        if (e.digest().equals(reference)) {
          return e;
        }
      }
      throw new ImageNotFoundException(operation, reference);
    }
    for (ImageRecords.Entry e : entries) {
      if (e.names().contains(reference)) {
        return e;
      }
    }
    String wanted = canonicalName(reference);
    for (ImageRecords.Entry e : entries) {
      for (String name : e.names()) {
        if (canonicalName(name).equals(wanted)) {
          return e;
        }
      }
    }
    if (HEX_PREFIX.matcher(reference).matches()) {
      List<ImageRecords.Entry> matches = entries.stream()
          .filter(e -> e.digest().substring(e.digest().indexOf(':') + 1).startsWith(reference))
          .toList();
      if (matches.size() == 1) {
        return matches.getFirst();
      }
      if (matches.size() > 1) {
        throw new ImageException(operation + " " + reference + ": the prefix matches "
            + matches.size() + " images");
      }
    }
    throw new ImageNotFoundException(operation, reference);
  }

  /**
   * A name in Docker's full form, so that {@code busybox}, {@code busybox:latest} and {@code
   * docker.io/library/busybox:latest} are one name: the default tag and registry filled in.
   */
  static String canonicalName(String name) {
    int slash = name.lastIndexOf('/');
    boolean tagged = name.indexOf(':', slash + 1) >= 0 || name.contains("@");
    String full = tagged ? name : name + ":latest";
    int first = full.indexOf('/');
    String domain = first < 0 ? "" : full.substring(0, first);
    if (domain.contains(".") || domain.contains(":") || domain.equals("localhost")) {
      return full;
    }
    return "docker.io/" + (first < 0 ? "library/" : "") + full;
  }

  private Image toImage(ImageRecords.Entry e) throws ImageException {
    Digest digest = Digest.parse(e.digest());
    ImageManifest manifest = readBlob(digest, ImageManifest.class);
    Digest configDigest = Digest.parse(manifest.config().digest());
    ImageConfig config = readBlob(configDigest, ImageConfig.class);
    List<Descriptor> descriptors = manifest.layers() == null ? List.of() : manifest.layers();
    List<String> diffIds = config.rootFs() == null || config.rootFs().diffIds() == null
        ? List.of() : config.rootFs().diffIds();
    if (diffIds.size() != descriptors.size()) {
      throw new ImageException("read image " + digest + ": " + descriptors.size()
          + " layers but " + diffIds.size() + " diff ids");
    }
    List<ImageLayer> imageLayers = new ArrayList<>();
    for (int i = 0; i < descriptors.size(); i++) {
      Descriptor d = descriptors.get(i);
      imageLayers.add(new ImageLayer(Digest.parse(d.digest()), Digest.parse(diffIds.get(i)),
          d.size() == null ? -1 : d.size(), d.mediaType()));
    }
    return new Image(digest, e.names(), manifest, config, imageLayers, e.platform(),
        e.loaded() == null ? null : Instant.parse(e.loaded()));
  }

  /** A JSON blob of the store, checked against its digest (a torn write must not pass). */
  private <T> T readBlob(Digest digest, Class<T> type) throws ImageException {
    Path file = layout.blob(digest);
    try {
      byte[] data = Files.readAllBytes(file);
      Digest actual = Digest.of(digest.algorithm(), digest.newMessageDigest().digest(data));
      if (!actual.equals(digest)) {
        throw new BlobVerificationException("read blob " + digest + ": content has digest "
            + actual + "; the store is damaged, load the image again");
      }
      return SpecMapper.read(data, type);
    } catch (NoSuchFileException e) {
      throw new ImageException("read blob " + digest + ": not in the store " + layout.root());
    } catch (SpecException e) {
      throw new ImageException("read blob " + digest + ": " + e.getMessage(), e);
    } catch (IOException e) {
      if (e instanceof ImageException ie) {
        throw ie;
      }
      throw new ImageException("read blob " + digest + ": " + IoFailure.describe(e), e);
    }
  }
}
