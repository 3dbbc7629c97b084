package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From an image tarball to a running container with jcrun alone. */
class ImageIT {
  @TempDir Path tmp;
  private Jcrun jcrun;
  private Path imageRoot;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/umoci")), "needs umoci");
    jcrun = new Jcrun(tmp.resolve("state"));
    imageRoot = tmp.resolve("images");
  }

  private Jcrun.Result j(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "--image-root";
    all[1] = imageRoot.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return jcrun.run(tmp, all);
  }

  private static void sh(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
  }

  /** A busybox image made with umoci, as an OCI layout tarball. */
  private Path busyboxImage() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("build"));
    Bundle rootfs = Bundle.busybox(work.resolve("src"), "/bin/true");
    sh(work, "umoci", "init", "--layout", "oci");
    sh(work, "umoci", "new", "--image", "oci:busybox");
    sh(work, "umoci", "unpack", "--image", "oci:busybox", "bundle");
    sh(work, "sh", "-c", "cp -a " + rootfs.rootfs + "/. bundle/rootfs/");
    sh(work, "umoci", "repack", "--image", "oci:busybox", "bundle");
    sh(work, "umoci", "config", "--image", "oci:busybox", "--config.cmd", "sh",
        "--config.cmd", "-c", "--config.cmd", "echo from-image; id -u", "--config.user", "65534");
    sh(work, "tar", "-C", "oci", "-cf", "busybox.tar", ".");
    return work.resolve("busybox.tar");
  }

  @Test
  void runsAnImageTwiceAndTheSecondReusesTheUnpackedLayers() throws Exception {
    Jcrun.Result load = j("image", "load", busyboxImage().toString());
    assertEquals(0, load.status(), load.toString());
    assertEquals("busybox\n", load.out());
    Jcrun.Result first = j("run", "--image", "busybox", "i1");
    assertEquals(0, first.status(), first.toString());
    assertEquals("from-image\n65534\n", first.out());
    Path layers = imageRoot.resolve("layers");
    List<Path> layerDirs;
    try (var walk = Files.walk(layers, 3)) {
      layerDirs = walk.filter(p -> p.getFileName().toString().equals("diff")).toList();
    }
    assertEquals(1, layerDirs.size());
    Object inode = Files.readAttributes(layerDirs.getFirst(), BasicFileAttributes.class).fileKey();
    Jcrun.Result second = j("run", "--image", "busybox", "i2", "--", "sh", "-c", "echo override");
    assertEquals(0, second.status(), second.toString());
    assertEquals("override\n", second.out());
    assertEquals(inode, Files.readAttributes(layerDirs.getFirst(), BasicFileAttributes.class)
        .fileKey(), "the layer was unpacked again");
    assertFalse(second.err().contains("unpack"), second.err());
    assertFalse(Host.mountinfo().contains(imageRoot.toString()), "an overlay is still mounted");
    try (var bundles = Files.list(imageRoot.resolve("bundles"))) {
      assertEquals(0, bundles.count());
    }
  }

  @Test
  void runImageTakesATarballAndLoadsItFirst() throws Exception {
    Path oci = busyboxImage();
    Jcrun.Result fromOci = j("run", "--image", oci.toString(), "t1");
    assertEquals(0, fromOci.status(), fromOci.toString());
    assertEquals("from-image\n65534\n", fromOci.out());
    Path docker = ImageArchives.dockerSave(tmp.resolve("docker"),
        Bundle.busybox(tmp.resolve("docker-src"), "/bin/true").rootfs, "saved:1");
    Jcrun.Result fromDocker = j("run", "--image", docker.toString(), "t2", "--", "echo", "saved");
    assertEquals(0, fromDocker.status(), fromDocker.toString());
    assertEquals("saved\n", fromDocker.out());
    Jcrun.Result names = j("image", "ls");
    assertTrue(names.out().contains("busybox") && names.out().contains("saved"), names.out());
  }

  @Test
  void aDetachedImageContainerIsCleanedByDelete() throws Exception {
    assertEquals(0, j("image", "load", busyboxImage().toString()).status());
    Jcrun.Result run = j("run", "-d", "--image", "busybox", "d1", "--", "sleep", "60");
    assertEquals(0, run.status(), run.toString());
    assertTrue(Host.mountinfo().contains(imageRoot.resolve("bundles/d1/rootfs").toString()));
    assertEquals(0, j("delete", "--force", "d1").status());
    assertFalse(Host.mountinfo().contains(imageRoot.toString()));
    assertFalse(Files.exists(imageRoot.resolve("bundles/d1")));
    Jcrun.Result prune = j("image", "rm", "busybox");
    assertEquals(0, prune.status(), prune.toString());
    assertTrue(prune.out().startsWith("Untagged: busybox\nDeleted: sha256:"), prune.out());
    assertEquals("", j("image", "ls", "-q").out());
  }

  @Test
  void bundleCreateMakesABundleJcrunAndRuncCanRun() throws Exception {
    assertEquals(0, j("image", "load", busyboxImage().toString()).status());
    Path dir = tmp.resolve("bundle");
    Jcrun.Result create = j("bundle", "create", "--image", "busybox", dir.toString());
    assertEquals(0, create.status(), create.toString());
    assertTrue(Files.isRegularFile(dir.resolve("config.json")));
    assertTrue(Files.isExecutable(dir.resolve("rootfs/bin/busybox")));
    Jcrun.Result run = jcrun.run(dir, "run", "b1");
    assertEquals("from-image\n65534\n", run.out(), run.toString());
    assertEquals(0, j("bundle", "rm", dir.toString()).status());
    assertFalse(Host.mountinfo().contains(dir.toString()));
  }

  @Test
  void aCorruptedArchiveIsRefusedAndLeavesTheStoreUnchanged() throws Exception {
    Path archive = busyboxImage();
    byte[] bytes = Files.readAllBytes(archive);
    // Flip a byte in the middle: inside the layer blob.
    bytes[bytes.length / 2] ^= 0x5a;
    Path bad = tmp.resolve("bad.tar");
    Files.write(bad, bytes);
    Jcrun.Result r = j("image", "load", bad.toString());
    assertEquals(1, r.status(), r.toString());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("jcrun: ")), r.err());
    assertEquals("", j("image", "ls", "-q").out());
  }
}
