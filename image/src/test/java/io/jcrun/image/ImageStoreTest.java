package io.jcrun.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.spec.image.Descriptor;
import io.jcrun.spec.image.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
  private static final Platform AMD64 = Platforms.parse("linux/amd64");

  @TempDir Path tmp;
  private Path storeRoot;
  private ImageStore store;
  private final HostFilesystemSyscalls syscalls = new HostFilesystemSyscalls();

  private final byte[] base = TarBuilder.create()
      .dir("bin/")
      .file("bin/sh", "#!shell", e -> e.mode(0755))
      .dir("etc/")
      .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
      .file("etc/motd", "hello")
      .build();
  private final byte[] top = TarBuilder.create()
      .dir("etc/")
      .file("etc/.wh.motd", "")
      .file("etc/hostname", "jcrun")
      .build();

  @BeforeEach
  void setUp() {
    storeRoot = tmp.resolve("store");
    store = new ImageStore(storeRoot, syscalls);
  }

  private OciLayoutBuilder layout(String name) {
    return new OciLayoutBuilder(tmp.resolve(name));
  }

  private Path busyboxLayout(String dirName, String ref) {
    OciLayoutBuilder b = layout(dirName);
    b.image(ref, List.of(b.gzipLayer(base), b.gzipLayer(top)),
        OciLayoutBuilder.exec("", List.of("/bin/sh"), List.of("-c", "true")));
    return b.write();
  }

  private Path writeFile(String name, byte[] content) throws IOException {
    return Files.write(tmp.resolve(name), content);
  }

  @Test
  void loadsAnOciLayoutDirectory() throws Exception {
    Path layout = busyboxLayout("layout", "busybox:1.36");

    List<String> names = store.load(layout, AMD64, Progress.NONE);

    assertEquals(List.of("busybox:1.36"), names);
    Image image = store.resolve("busybox:1.36");
    assertEquals(2, image.layers().size());
    assertEquals("linux/amd64", image.platform());
    assertEquals(image, store.resolve(image.digest().toString()));
    assertEquals(image, store.resolve(image.digest().hex().substring(0, 12)));
    assertEquals(List.of(image), store.list());
    Path baseDiff = store.layerCache().diffDir(image.layers().get(0).diffId());
    Path topDiff = store.layerCache().diffDir(image.layers().get(1).diffId());
    assertEquals("#!shell", Files.readString(baseDiff.resolve("bin/sh")));
    assertEquals("jcrun", Files.readString(topDiff.resolve("etc/hostname")));
    assertTrue(Files.exists(topDiff.resolve("etc/motd"))); // the whiteout (a stand-in here)
    assertTrue(Files.exists(storeRoot.resolve("blobs/" + image.layers().get(0).blob().algorithm()
        + "/" + image.layers().get(0).blob().hex())));
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(storeRoot)));
  }

  @Test
  void loadsZstdLayersMadeByTheReferenceEncoder() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Commands.available("zstd", "--version"),
        "needs the zstd CLI");
    Path tar = writeFile("layer.tar", base);
    Commands.run("zstd", "-q", "-19", "-f", tar.toString(), "-o", tmp.resolve("layer.tar.zst")
        .toString());
    OciLayoutBuilder b = layout("zstd");
    b.image("z:1", List.of(b.layer(base, Files.readAllBytes(tmp.resolve("layer.tar.zst")),
        io.jcrun.spec.image.MediaTypes.OCI_LAYER_TAR_ZSTD)), null);

    store.load(b.write(), AMD64, Progress.NONE);

    Image image = store.resolve("z:1");
    assertEquals("#!shell", Files.readString(store.layerCache().diffDir(image.layers().getFirst()
        .diffId()).resolve("bin/sh")));
  }

  @Test
  void loadsATarOfALayoutAndACompressedOne() throws Exception {
    Path layout = busyboxLayout("layout", "busybox:latest");
    byte[] tar = OciLayoutBuilder.tarOf(layout);

    assertEquals(List.of("busybox:latest"), store.load(writeFile("a.tar", tar), AMD64,
        Progress.NONE));
    assertEquals(List.of("busybox:latest"), store.load(writeFile("a.tar.gz",
        TarBuilder.gzip(tar)), AMD64, Progress.NONE));

    assertEquals(1, store.list().size());
    assertEquals(store.resolve("busybox"), store.resolve("docker.io/library/busybox:latest"));
  }

  @Test
  void loadsADockerSaveArchive() throws Exception {
    byte[] archive = OciLayoutBuilder.dockerSave(List.of(base, top),
        OciLayoutBuilder.exec("", List.of("/bin/sh"), null), List.of("example.com/app:v1"));

    List<String> names = store.load(writeFile("docker.tar", archive), AMD64, Progress.NONE);

    assertEquals(List.of("example.com/app:v1"), names);
    Image image = store.resolve("example.com/app:v1");
    assertEquals(Digest.sha256(base), image.layers().get(0).diffId());
    assertEquals(Digest.sha256(base), image.layers().get(0).blob());
    assertTrue(store.layerCache().contains(Digest.sha256(top)));
  }

  @Test
  void picksThePlatformFromAMultiPlatformIndex() throws Exception {
    OciLayoutBuilder b = layout("multi");
    List<OciLayoutBuilder.Layer> amdLayers = List.of(b.gzipLayer(base));
    List<OciLayoutBuilder.Layer> armLayers = List.of(b.gzipLayer(top));
    Descriptor amd = b.manifest(amdLayers, OciLayoutBuilder.config(amdLayers, "amd64", null),
        AMD64);
    Descriptor arm = b.manifest(armLayers, OciLayoutBuilder.config(armLayers, "arm64", null),
        Platforms.parse("linux/arm64/v8"));
    b.multiPlatform("multi:1", List.of(amd, arm));
    Path layout = b.write();

    store.load(layout, Platforms.parse("linux/arm64"), Progress.NONE);

    Image image = store.resolve("multi:1");
    assertEquals(arm.digest(), image.digest().toString());
    assertEquals("linux/arm64", image.platform());
    var e = assertThrows(ImageException.class,
        () -> store.load(layout, Platforms.parse("linux/s390x"), Progress.NONE));
    assertTrue(e.getMessage().endsWith("no image for platform linux/s390x (it has linux/amd64,"
        + " linux/arm64/v8)"), e.getMessage());
  }

  @Test
  void loadsEveryImageOfAnIndexAndUnnamedOnesByDigest() throws Exception {
    OciLayoutBuilder b = layout("two");
    b.image("one", List.of(b.gzipLayer(base)), null);
    Digest unnamed = b.image(null, List.of(b.plainLayer(top)), null);
    Path layout = b.write();

    List<String> names = store.load(layout, AMD64, Progress.NONE);

    assertEquals(List.of("one", unnamed.toString()), names);
    assertEquals(2, store.list().size());
  }

  @Test
  void aSharedLayerIsUnpackedOnce() throws Exception {
    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.NONE);
    Image first = store.resolve("a:1");
    Path diff = store.layerCache().diffDir(first.layers().getFirst().diffId());
    Object inode = Files.getAttribute(diff.resolve("bin/sh"), "unix:ino");
    OciLayoutBuilder b = layout("b");
    b.image("b:1", List.of(b.gzipLayer(base), b.gzipLayer(TarBuilder.create().file("x", "y")
        .build())), null);
    List<String> events = new ArrayList<>();

    store.load(b.write(), AMD64, new Progress() {
      @Override
      public synchronized void layerDone(Digest layer, boolean cached) {
        events.add(cached ? "cached" : "read");
      }
    });

    assertEquals(List.of("cached", "read"), events.stream().sorted().toList());
    assertEquals(inode, Files.getAttribute(diff.resolve("bin/sh"), "unix:ino"));
  }

  @Test
  void aTruncatedBlobFailsAndLeavesTheStoreUnchanged() throws Exception {
    store.load(busyboxLayout("good", "good:1"), AMD64, Progress.NONE);
    Map<String, String> before = StoreSnapshot.of(storeRoot);
    OciLayoutBuilder b = layout("bad");
    OciLayoutBuilder.Layer layer = b.gzipLayer(TarBuilder.create().file("big", "x".repeat(5000))
        .build());
    b.image("bad:1", List.of(layer), null);
    Path layout = b.write();
    Path blob = layout.resolve("blobs/sha256/" + Digest.parse(layer.descriptor().digest()).hex());
    byte[] full = Files.readAllBytes(blob);
    Files.write(blob, java.util.Arrays.copyOf(full, full.length / 2));

    var e = assertThrows(BlobVerificationException.class,
        () -> store.load(layout, AMD64, Progress.NONE));

    assertEquals("load " + layout + ": blob " + layer.descriptor().digest() + ": expected "
        + full.length + " bytes, got " + full.length / 2 + " (truncated?)", e.getMessage());
    assertEquals(before, StoreSnapshot.of(storeRoot));
  }

  @Test
  void aCorruptedBlobFailsAndLeavesTheStoreUnchanged() throws Exception {
    store.load(busyboxLayout("good", "good:1"), AMD64, Progress.NONE);
    Map<String, String> before = StoreSnapshot.of(storeRoot);
    OciLayoutBuilder b = layout("bad");
    OciLayoutBuilder.Layer layer = b.plainLayer(TarBuilder.create().file("f", "abcdef").build());
    b.image("bad:1", List.of(layer), null);
    Path layout = b.write();
    Path blob = layout.resolve("blobs/sha256/" + Digest.parse(layer.descriptor().digest()).hex());
    byte[] content = Files.readAllBytes(blob);
    content[512] = 'X'; // the file's content: the tar stays well-formed
    Files.write(blob, content);

    var e = assertThrows(BlobVerificationException.class,
        () -> store.load(layout, AMD64, Progress.NONE));

    assertTrue(e.getMessage().startsWith("load " + layout + ": blob "
        + layer.descriptor().digest() + ": content has digest sha256:"), e.getMessage());
    assertEquals(before, StoreSnapshot.of(storeRoot));
  }

  @Test
  void aCorruptedArchiveTarFailsCleanly() throws Exception {
    store.load(busyboxLayout("good", "good:1"), AMD64, Progress.NONE);
    Map<String, String> before = StoreSnapshot.of(storeRoot);
    byte[] tar = OciLayoutBuilder.tarOf(busyboxLayout("other", "other:1"));
    Path truncated = writeFile("cut.tar", java.util.Arrays.copyOf(tar, tar.length / 2 + 100));

    var e = assertThrows(ImageException.class, () -> store.load(truncated, AMD64,
        Progress.NONE));

    assertTrue(e.getMessage().startsWith("load " + truncated + ": "), e.getMessage());
    assertEquals(before, StoreSnapshot.of(storeRoot));
  }

  @Test
  void aWrongDiffIdIsRefused() throws Exception {
    OciLayoutBuilder b = layout("lying");
    OciLayoutBuilder.Layer real = b.gzipLayer(base);
    OciLayoutBuilder.Layer lie = new OciLayoutBuilder.Layer(real.descriptor(), Digest.sha256(top),
        top);
    b.image("lying:1", List.of(lie), null);
    Path layout = b.write();

    var e = assertThrows(BlobVerificationException.class,
        () -> store.load(layout, AMD64, Progress.NONE));

    assertTrue(e.getMessage().contains("its content has diff id " + Digest.sha256(base)
        + ", the image config says " + Digest.sha256(top)), e.getMessage());
    assertFalse(store.layerCache().contains(Digest.sha256(top)));
    assertEquals(List.of(), store.list());
  }

  @Test
  void refusesWhatIsNoImage() throws Exception {
    Path empty = Files.createDirectory(tmp.resolve("empty"));

    var e = assertThrows(ImageException.class, () -> store.load(empty, AMD64, Progress.NONE));
    assertEquals("load " + empty + ": neither an OCI image layout (oci-layout, index.json) nor a"
        + " docker save archive (manifest.json)", e.getMessage());
    var missing = assertThrows(ImageException.class,
        () -> store.load(tmp.resolve("nope.tar"), AMD64, Progress.NONE));
    assertEquals("load " + tmp.resolve("nope.tar") + ": no such file or directory",
        missing.getMessage());
  }

  @Test
  void concurrentImportsAllSucceed() throws Exception {
    List<Path> layouts = List.of(busyboxLayout("c1", "c:1"), busyboxLayout("c2", "c:2"),
        busyboxLayout("c3", "c:1"));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Path layout = layouts.get(i % layouts.size());
        // Half share this store object, half have their own: both must serialise.
        ImageStore s = i % 2 == 0 ? store : new ImageStore(storeRoot, syscalls);
        results.add(pool.submit(() -> s.load(layout, AMD64, Progress.NONE)));
      }
      for (Future<List<String>> f : results) {
        assertEquals(1, f.get().size());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, store.list().size()); // all three layouts hold the same image
    assertEquals(List.of("c:1", "c:2"), store.list().getFirst().names().stream().sorted()
        .toList());
    assertEquals(List.of(), Files.list(storeRoot.resolve("tmp")).toList());
    Image image = store.resolve("c:2");
    for (ImageLayer l : image.layers()) {
      assertTrue(store.layerCache().contains(l.diffId()));
    }
  }

  @Test
  void removeDropsANameThenTheImageAndItsUnusedContent() throws Exception {
    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.NONE);
    OciLayoutBuilder b = layout("b");
    b.image("b:1", List.of(b.gzipLayer(base)), null);
    store.load(b.write(), AMD64, Progress.NONE);
    Image a = store.resolve("a:1");
    Image other = store.resolve("b:1");

    Removal removal = store.remove("a:1");

    assertEquals(List.of("a:1"), removal.untagged());
    assertEquals(Optional.of(a.digest()), removal.deleted());
    assertThrows(ImageNotFoundException.class, () -> store.resolve("a:1"));
    assertTrue(store.layerCache().contains(a.layers().get(0).diffId())); // b:1 uses it
    assertFalse(store.layerCache().contains(a.layers().get(1).diffId()));
    assertFalse(Files.exists(store.layout().blob(a.digest())));
    assertEquals(other, store.resolve("b:1"));
  }

  @Test
  void pruneKeepsNamedAndHeldImagesAndRemovesTheRest() throws Exception {
    OciLayoutBuilder b = layout("p");
    b.image("named", List.of(b.gzipLayer(base)), null);
    Digest dangling = b.image(null, List.of(b.gzipLayer(top)), null);
    Digest held = b.image(null, List.of(b.gzipLayer(TarBuilder.create().file("h", "h").build())),
        null);
    store.load(b.write(), AMD64, Progress.NONE);
    store.retain("container-1", held);
    Files.createDirectories(storeRoot.resolve("tmp/deadbeef")); // a crashed import's staging

    PruneResult result = store.prune();

    assertEquals(List.of(dangling), result.images());
    assertEquals(1, result.layers());
    assertEquals(3, result.blobs()); // the dangling image's manifest, config and layer
    assertTrue(result.bytes() > 0);
    assertEquals(List.of("named"), store.resolve("named").names());
    assertTrue(store.layerCache().contains(store.resolve(held.toString()).layers().getFirst()
        .diffId()));
    assertFalse(Files.exists(storeRoot.resolve("tmp/deadbeef")));
    assertEquals(new PruneResult(List.of(), 0, 0, 0), store.prune());

    assertTrue(store.release("container-1"));
    assertEquals(List.of(held), store.prune().images());
    assertEquals(List.of("named"), store.list().stream().flatMap(i -> i.names().stream())
        .toList());
  }

  @Test
  void inspectShowsLayersAndHolders() throws Exception {
    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.NONE);
    Image image = store.resolve("a:1");
    store.retain("ctr-1", image.digest());
    io.jcrun.image.layer.TreeRemoval.remove(store.layout().layer(image.layers().get(1)
        .diffId()));

    ImageDetails details = store.inspect("a:1");

    assertEquals(image, details.image());
    assertEquals(List.of(true, false), details.layers().stream()
        .map(ImageDetails.LayerState::unpacked).toList());
    assertEquals(store.layerCache().diffDir(image.layers().getFirst().diffId()),
        details.layers().getFirst().directory());
    assertEquals(List.of("ctr-1"), details.holders());
  }

  @Test
  void aHeldImageKeepsItsContentAfterItsNameIsRemoved() throws Exception {
    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.NONE);
    Image image = store.resolve("a:1");
    store.retain("ctr", image.digest());

    store.remove("a:1");
    store.prune();

    for (ImageLayer l : image.layers()) {
      assertTrue(store.layerCache().contains(l.diffId()));
    }
    assertTrue(Files.exists(store.layout().blob(image.digest())));
  }

  @Test
  void pruneSparesWhatALiveOperationProtects() throws Exception {
    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.NONE);
    Image image = store.resolve("a:1");
    store.remove("a:1");
    store.load(busyboxLayout("a2", "a:1"), AMD64, Progress.NONE);
    io.jcrun.image.store.Lease lease;
    try (var _ = new io.jcrun.image.store.StoreLock(store.layout().lockFile()).acquire()) {
      lease = io.jcrun.image.store.Lease.create(store.layout());
      lease.protect(List.of(image.layers().getFirst().diffId()));
    }
    try (lease) {
      store.remove("a:1");
      assertTrue(store.layerCache().contains(image.layers().getFirst().diffId()));
      assertFalse(store.layerCache().contains(image.layers().get(1).diffId()));
      assertTrue(Files.isDirectory(lease.dir()));
    }
    store.prune();
    assertFalse(store.layerCache().contains(image.layers().getFirst().diffId()));
  }

  @Test
  void aReloadMovesANameToTheNewImage() throws Exception {
    store.load(busyboxLayout("a", "app:latest"), AMD64, Progress.NONE);
    Digest old = store.resolve("app").digest();
    OciLayoutBuilder b = layout("b");
    b.image("app:latest", List.of(b.gzipLayer(top)), null);
    store.load(b.write(), AMD64, Progress.NONE);

    assertFalse(old.equals(store.resolve("app").digest()));
    assertEquals(List.of(), store.resolve(old.toString()).names());
  }

  @Test
  void unpacksAgainFromBlobsWhenALayerDirIsGone() throws Exception {
    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.NONE);
    Image image = store.resolve("a:1");
    io.jcrun.image.layer.TreeRemoval.remove(store.layout().layer(image.layers().get(1)
        .diffId()));

    assertEquals(1, store.ensureUnpacked(image, Progress.NONE));
    assertEquals(0, store.ensureUnpacked(image, Progress.NONE));
    assertEquals("jcrun", Files.readString(store.layerCache().diffDir(image.layers().get(1)
        .diffId()).resolve("etc/hostname")));
  }

  @Test
  void reportsProgressAsLines() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.to(out, false));

    String text = out.toString(UTF_8);
    assertTrue(text.startsWith("loading 2 layers, "), text);
    assertEquals(2, text.lines().filter(l -> l.endsWith(": done")).count(), text);
    assertTrue(text.lines().toList().getLast().startsWith("read "), text);
  }

  @Test
  void reportsProgressAsABarOnATerminal() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    store.load(busyboxLayout("a", "a:1"), AMD64, Progress.to(out, true));

    String text = out.toString(UTF_8);
    assertTrue(text.startsWith("\r["), text);
    assertTrue(text.endsWith("2/2 layers\u001b[K\n"), text);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "busybox, docker.io/library/busybox:latest",
      "busybox:1.36, docker.io/library/busybox:1.36",
      "me/app:1, docker.io/me/app:1",
      "docker.io/library/busybox:latest, docker.io/library/busybox:latest",
      "quay.io/a/b, quay.io/a/b:latest",
      "localhost:5000/x, localhost:5000/x:latest",
      "localhost/x:2, localhost/x:2"})
  void expandsShortNamesAsDockerDoes(String name, String canonical) {
    assertEquals(canonical, ImageStore.canonicalName(name));
  }
}
