package io.jcrun.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcrun.image.bundle.BundleCleaner;
import io.jcrun.image.bundle.BundleCreator;
import io.jcrun.image.bundle.ImageBundle;
import io.jcrun.image.layer.Compression;
import io.jcrun.image.rootfs.AssembledRootfs;
import io.jcrun.image.rootfs.RootfsAssembler;
import io.jcrun.linux.LinuxSyscalls;
import io.jcrun.spec.Spec;
import io.jcrun.spec.SpecMapper;
import io.jcrun.spec.image.ImageIndex;
import io.jcrun.spec.image.ImageManifest;
import io.jcrun.spec.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Correctness against an independent tool: an image built here with umoci from a busybox rootfs
 * (several layers with deletions, opaque dirs, hardlinks across dirs, symlinks, devices, setuid
 * files, xattrs) is imported and mounted by jcrun, and the tree seen through the overlay must be
 * what {@code umoci unpack} produces for the same image. Also through an {@code oci-archive}
 * made by skopeo and a {@code docker save} archive made here.
 */
@Tag("root")
class UmociComparisonIT {
  private static final String TAG = "busybox";
  private static final Platform HOST = Platforms.host();
  private static final List<String> XATTRS = List.of("user.comment", "user.pax", "trusted.test",
      "security.capability", "trusted.overlay.opaque");

  @TempDir static Path shared;
  private static Path layout;
  private static Path reference;
  private static LinuxSyscalls syscalls;

  @TempDir Path tmp;
  private final List<Path> mounted = new ArrayList<>();

  @BeforeAll
  static void buildImage() throws Exception {
    syscalls = LinuxSyscalls.load();
    assumeTrue(syscalls.geteuid() == 0, "needs root");
    assumeTrue(Commands.available("umoci", "--version"), "needs umoci");
    assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs busybox-static");
    layout = shared.resolve("layout");
    Commands.run("umoci", "init", "--layout", layout.toString());
    Commands.run("umoci", "new", "--image", layout + ":" + TAG);
    // umoci repack diffs against the image the bundle was unpacked from: one bundle per layer.
    repackLayer("build1", UmociComparisonIT::writeBaseLayer);
    repackLayer("build2", UmociComparisonIT::changeInSecondLayer);
    Path third = shared.resolve("third.tar");
    Files.write(third, thirdLayer());
    Commands.run("umoci", "raw", "add-layer", "--image", layout + ":" + TAG, third.toString());
    repackLayer("build4", UmociComparisonIT::changeInFourthLayer);
    Commands.run("umoci", "config", "--image", layout + ":" + TAG, "--config.user", "app",
        "--config.cmd", "/bin/sh", "--config.workingdir", "/home/app",
        "--config.label", "org.example=jcrun", "--config.stopsignal", "SIGUSR1");
    Path unpacked = shared.resolve("reference");
    Commands.run("umoci", "unpack", "--image", layout + ":" + TAG, unpacked.toString());
    reference = unpacked.resolve("rootfs");
  }

  /** A change to a rootfs, the content of one layer. */
  private interface LayerChanges {
    void apply(Path rootfs) throws Exception;
  }

  private static void repackLayer(String name, LayerChanges changes) throws Exception {
    Path bundle = shared.resolve(name);
    Commands.run("umoci", "unpack", "--image", layout + ":" + TAG, bundle.toString());
    changes.apply(bundle.resolve("rootfs"));
    Commands.run("umoci", "repack", "--image", layout + ":" + TAG, bundle.toString());
  }

  private static void sh(Path rootfs, String script) throws Exception {
    Commands.run(rootfs, "/bin/sh", "-e", "-c", script);
  }

  private static void writeBaseLayer(Path root) throws Exception {
    Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
    sh(root, """
        for a in sh ls cat echo id true env mkdir; do ln -s busybox bin/$a; done
        mkdir -p etc tmp home/app var/cache/old/deep var/lib etc/conf.d usr/lib root
        chmod 1777 tmp
        printf 'root:x:0:0:root:/root:/bin/sh\\napp:x:1000:1000:app:/home/app:/bin/sh\\n' \
            > etc/passwd
        printf 'root:x:0:\\napp:x:1000:\\nstaff:x:50:app\\naudio:x:29:app\\n' > etc/group
        chown 1000:1000 home/app
        echo motd > etc/motd
        echo conf > etc/conf.d/a.conf
        echo file > etc/replaced-file
        echo old > var/cache/old/a
        echo deeper > var/cache/old/deep/b
        echo keep > var/lib/keep1
        echo keep > var/lib/keep2
        echo bye > bin/tobedeleted
        echo lib > usr/lib/libx.so
        """);
  }

  private static void changeInSecondLayer(Path root) throws Exception {
    Files.createDirectories(root.resolve("usr/bin"));
    byte[] random = new byte[3 << 20];
    new Random(42).nextBytes(random);
    Files.write(root.resolve("usr/bin/tool"), random);
    sh(root, """
        rm bin/tobedeleted
        rm -r var/cache/old
        mkdir -p opt dev run srv home/app/docs
        ln usr/bin/tool opt/tool-link
        chmod 2755 usr/bin/tool
        ln bin/busybox usr/bin/bb-hard
        mknod dev/sda b 8 0
        mknod dev/zero c 1 5
        mkfifo run/fifo
        cp bin/busybox usr/bin/ping
        chmod 2755 usr/bin/ping
        setcap cap_net_raw+ep usr/bin/ping
        echo mine > home/app/docs/note
        chown -R 1000:1000 home/app/docs
        chmod 0600 home/app/docs/note
        ln -s /bin/busybox usr/bin/abs
        ln -s ../../bin/busybox usr/bin/rel
        ln -s /does/not/exist usr/bin/nowhere
        ln -s usr/lib lib
        rm -r etc/conf.d
        echo now-a-file > etc/conf.d
        rm etc/replaced-file
        mkdir etc/replaced-file
        echo inside > etc/replaced-file/x
        d=a/very/long/path/that/keeps/going/and/going/well/past/the/hundred/byte/limit/of/ustar
        mkdir -p $d/names/and/more/directories/still
        echo long > $d/names/and/more/directories/still/file-with-a-rather-long-name-too.txt
        chmod 4711 opt/tool-link
        """);
    syscalls.lsetxattr(root.resolve("usr/bin/tool").toString(), "user.comment",
        "tool".getBytes(UTF_8));
    syscalls.lsetxattr(root.resolve("srv").toString(), "trusted.test", "srv".getBytes(UTF_8));
  }

  /** Written by hand: an opaque dir, whiteouts, a hardlink across dirs, PAX xattrs, a device. */
  private static byte[] thirdLayer() {
    return TarBuilder.create()
        .dir("var/")
        .dir("var/lib/", e -> e.mode(0750).owner(5, 5))
        .file("var/lib/.wh..wh..opq", "")
        .file("var/lib/fresh", "fresh")
        .dir("etc/")
        .file("etc/.wh.motd", "")
        .dir("srv/")
        .file("srv/a", "shared content", e -> e.mode(0640).owner(1000, 50))
        .dir("data/")
        .hardlink("data/b", "srv/a")
        .dir("opt/")
        .file("opt/pax", "pax", e -> e.xattr("user.pax", "1").mode(0755))
        .dir("dev/")
        .charDevice("dev/console", 5, 1, e -> e.mode(0620))
        .dir("deep/")
        .file("deep/" + "n".repeat(120) + "/" + "f".repeat(200), "long", e -> {})
        .build();
  }

  private static void changeInFourthLayer(Path root) throws Exception {
    sh(root, """
        rm data/b
        chmod 0700 usr
        echo two > var/lib/fresh2
        rm -r etc/replaced-file
        """);
  }

  @BeforeEach
  void needsTheImage() {
    assumeTrue(reference != null, "the test image was not built");
  }

  @AfterEach
  void unmount() throws Exception {
    for (Path p : mounted) {
      syscalls.umount2(p.toString(), 2);
    }
  }

  private ImageStore newStore() {
    return new ImageStore(tmp.resolve("store"), syscalls);
  }

  private Path assemble(ImageStore store, Image image, String name) throws Exception {
    Path target = Files.createDirectories(tmp.resolve(name + "/rootfs"));
    AssembledRootfs rootfs = new RootfsAssembler(store, syscalls).assemble(image, target,
        tmp.resolve(name + "/upper"), tmp.resolve(name + "/work"), Progress.NONE);
    mounted.add(target);
    assertEquals(0, rootfs.unpackedLayers());
    return target;
  }

  private void assertSameTree(Path actual) throws IOException {
    List<String> differences = TreeComparison.differences(reference, actual, syscalls, XATTRS);
    assertEquals(List.of(), differences, String.join("\n", differences));
  }

  @Test
  void theOverlayOfAnOciLayoutIsWhatUmociUnpacks() throws Exception {
    ImageStore store = newStore();

    assertEquals(List.of(TAG), store.load(layout, HOST, Progress.NONE));
    Image image = store.resolve(TAG);
    assertEquals(4, image.layers().size());
    Path rootfs = assemble(store, image, "c1");

    assertSameTree(rootfs);
    assertTrue(TreeComparison.describe(reference, syscalls, XATTRS).size() > 40);
    assertEquals("uid=0(root) gid=0(root)\n",
        Commands.run("chroot", rootfs.toString(), "/bin/id"));
  }

  @Test
  void theOverlayOfASkopeoOciArchiveIsWhatUmociUnpacks() throws Exception {
    assumeTrue(Commands.available("skopeo", "--version"), "needs skopeo");
    Path archive = tmp.resolve("image.tar");
    Commands.run("skopeo", "copy", "oci:" + layout + ":" + TAG,
        "oci-archive:" + archive + ":" + TAG);
    ImageStore store = newStore();

    List<String> names = store.load(archive, HOST, Progress.NONE);

    assertEquals(List.of(TAG), names);
    assertSameTree(assemble(store, store.resolve(TAG), "c1"));
  }

  @Test
  void theOverlayOfADockerSaveArchiveIsWhatUmociUnpacks() throws Exception {
    Path archive = tmp.resolve("docker.tar");
    Files.write(archive, dockerSaveOf(layout));
    ImageStore store = newStore();

    List<String> names = store.load(archive, HOST, Progress.NONE);

    assertEquals(List.of("example.com/busybox:test"), names);
    assertSameTree(assemble(store, store.resolve("example.com/busybox:test"), "c1"));
  }

  /** A docker save archive of the layout's image: its config and uncompressed layer tars. */
  private static byte[] dockerSaveOf(Path layout) throws IOException {
    ImageIndex index = SpecMapper.read(layout.resolve("index.json"), ImageIndex.class);
    Digest manifestDigest = Digest.parse(index.manifests().getFirst().digest());
    ImageManifest manifest = SpecMapper.read(blob(layout, manifestDigest), ImageManifest.class);
    List<byte[]> tars = new ArrayList<>();
    for (var layer : manifest.layers()) {
      try (InputStream in = Compression.decompress(Files.newInputStream(
          blob(layout, Digest.parse(layer.digest()))))) {
        tars.add(in.readAllBytes());
      }
    }
    var config = SpecMapper.read(blob(layout, Digest.parse(manifest.config().digest())),
        io.jcrun.spec.image.ImageConfig.class);
    return OciLayoutBuilder.dockerSave(tars, config.config(), List.of("example.com/busybox:test"));
  }

  private static Path blob(Path layout, Digest d) {
    return layout.resolve("blobs/" + d.algorithm() + "/" + d.hex());
  }

  @Test
  void bundlesReuseTheUnpackedLayersAndCleanUp() throws Exception {
    ImageStore store = newStore();
    store.load(layout, HOST, Progress.NONE);
    Image image = store.resolve(TAG);
    Path firstLayer = store.layerCache().diffDir(image.layers().getFirst().diffId());
    Object inode = Files.getAttribute(firstLayer.resolve("bin/busybox"), "unix:ino");
    BundleCreator creator = new BundleCreator(store, syscalls);
    BundleCleaner cleaner = new BundleCleaner(store, syscalls);

    ImageBundle first = creator.create(TAG, tmp.resolve("b1"), List.of());
    ImageBundle second = creator.create(TAG, tmp.resolve("b2"), List.of("/bin/id"));
    try {
      assertEquals(0, first.unpackedLayers());
      assertEquals(0, second.unpackedLayers());
      assertEquals(inode, Files.getAttribute(firstLayer.resolve("bin/busybox"), "unix:ino"));
      Spec spec = SpecMapper.readSpec(first.dir().resolve("config.json"));
      assertEquals(List.of("/bin/sh"), spec.process().args());
      assertEquals(1000L, spec.process().user().uid());
      assertEquals(1000L, spec.process().user().gid());
      assertEquals(List.of(50L, 29L), spec.process().user().additionalGids());
      assertEquals("/home/app", spec.process().cwd());
      assertTrue(spec.process().env().contains("HOME=/home/app"));
      assertEquals("SIGUSR1", spec.annotations().get("org.opencontainers.image.stopSignal"));
      assertEquals("jcrun", spec.annotations().get("org.example"));
      assertEquals(List.of("/bin/id"), SpecMapper.readSpec(second.dir().resolve("config.json"))
          .process().args());
      Files.writeString(first.rootfs().resolve("tmp/only-in-first"), "1");
      assertFalse(Files.exists(second.rootfs().resolve("tmp/only-in-first")));
      assertSameTree(second.rootfs());
      assertEquals(2, store.holders().size());
    } finally {
      assertTrue(cleaner.cleanup(first.dir()));
      assertTrue(cleaner.cleanup(second.dir()));
    }
    assertFalse(Files.exists(first.dir()));
    assertEquals(0, store.holders().size());
    assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(tmp.toString()));
  }

  @Test
  void aPrunedLayerIsUnpackedAgainForTheNextRootfs() throws Exception {
    ImageStore store = newStore();
    store.load(layout, HOST, Progress.NONE);
    Image image = store.resolve(TAG);
    io.jcrun.image.layer.TreeRemoval.remove(store.layout().layer(image.layers().get(2)
        .diffId()));
    Path target = Files.createDirectories(tmp.resolve("c/rootfs"));

    AssembledRootfs rootfs = new RootfsAssembler(store, syscalls).assemble(image, target,
        tmp.resolve("c/upper"), tmp.resolve("c/work"), Progress.NONE);
    mounted.add(target);

    assertEquals(1, rootfs.unpackedLayers());
    assertSameTree(target);
  }

  @Test
  void theReferenceTreeHasWhatTheLayersPromise() throws Exception {
    // Guards the comparison itself: the features under test are really in the image.
    assertEquals(04711, mode(reference.resolve("usr/bin/tool")) & 07777); // via its hardlink
    assertEquals(02755, mode(reference.resolve("usr/bin/ping")) & 07777);
    assertEquals(01777, mode(reference.resolve("tmp")) & 07777);
    assertEquals(0020000, mode(reference.resolve("dev/console")) & 0170000);
    assertEquals(0060000, mode(reference.resolve("dev/sda")) & 0170000);
    assertEquals(0010000, mode(reference.resolve("run/fifo")) & 0170000);
    assertFalse(Files.exists(reference.resolve("var/lib/keep1")));
    assertTrue(Files.exists(reference.resolve("var/lib/fresh")));
    assertFalse(Files.exists(reference.resolve("etc/motd")));
    assertFalse(Files.exists(reference.resolve("data/b")));
    assertTrue(Files.isRegularFile(reference.resolve("etc/conf.d")));
    assertEquals(Files.getAttribute(reference.resolve("bin/busybox"), "unix:ino"),
        Files.getAttribute(reference.resolve("usr/bin/bb-hard"), "unix:ino"));
    assertTrue(syscalls.lgetxattr(reference.resolve("usr/bin/ping").toString(),
        "security.capability") != null);
    assertTrue(syscalls.lgetxattr(reference.resolve("usr/bin/tool").toString(),
        "user.comment") != null);
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }
}
