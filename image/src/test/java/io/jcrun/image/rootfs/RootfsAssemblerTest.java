package io.jcrun.image.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.image.HostFilesystemSyscalls;
import io.jcrun.image.Image;
import io.jcrun.image.ImageStore;
import io.jcrun.image.OciLayoutBuilder;
import io.jcrun.image.Platforms;
import io.jcrun.image.Progress;
import io.jcrun.image.TarBuilder;
import io.jcrun.linux.MountFlags;
import io.jcrun.linux.SyscallCall.Fchmodat;
import io.jcrun.linux.SyscallCall.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsAssemblerTest {
  @TempDir Path tmp;
  private final HostFilesystemSyscalls syscalls = new HostFilesystemSyscalls();
  private ImageStore store;
  private RootfsAssembler assembler;

  @BeforeEach
  void setUp() {
    store = new ImageStore(tmp.resolve("store"), syscalls);
    assembler = new RootfsAssembler(store, syscalls);
  }

  private Image load(String name, List<byte[]> tars) throws Exception {
    OciLayoutBuilder b = new OciLayoutBuilder(tmp.resolve("layout-" + name));
    b.image(name, tars.stream().map(b::gzipLayer).toList(), null);
    store.load(b.write(), Platforms.parse("linux/amd64"), Progress.NONE);
    return store.resolve(name);
  }

  private String lowerdirs(Mount mount) {
    String data = mount.data();
    return data.substring("lowerdir=".length(), data.indexOf(",upperdir="));
  }

  private String dir(Image image, int layer) {
    return store.layerCache().diffDir(image.layers().get(layer).diffId()).toString();
  }

  @Test
  void mountsTheLayersTopmostFirst() throws Exception {
    Image image = load("three", List.of(
        TarBuilder.create().dir("./", e -> e.mode(0750).owner(0, 0)).file("a", "1").build(),
        TarBuilder.create().file("b", "2").build(),
        TarBuilder.create().file("c", "3").build()));
    Path target = Files.createDirectory(tmp.resolve("rootfs"));

    AssembledRootfs rootfs = assembler.assemble(image, target, tmp.resolve("c/upper"),
        tmp.resolve("c/work"), Progress.NONE);

    assertEquals(0, rootfs.unpackedLayers());
    Mount mount = syscalls.calls(Mount.class).getFirst();
    assertEquals(new Mount("overlay", target.toString(), "overlay", MountFlags.NONE,
        "lowerdir=" + dir(image, 2) + ":" + dir(image, 1) + ":" + dir(image, 0) + ",upperdir="
            + tmp.resolve("c/upper") + ",workdir=" + tmp.resolve("c/work")), mount);
    assertTrue(Files.isDirectory(tmp.resolve("c/work")));
    // the upper dir, the root overlayfs shows, takes the image's root mode
    assertEquals(new Fchmodat(syscalls.calls(Fchmodat.class).getLast().dir(), ".", 0750),
        syscalls.calls(Fchmodat.class).getLast());
  }

  @Test
  void dropsLayersBelowAnOpaqueRootAndDuplicates() throws Exception {
    byte[] same = TarBuilder.create().file("same", "s").build();
    Image image = load("opaque", List.of(
        TarBuilder.create().file("hidden", "h").build(),
        TarBuilder.create().file(".wh..wh..opq", "").file("new", "n").build(),
        same,
        TarBuilder.create().file("between", "b").build(),
        same));
    Path target = Files.createDirectory(tmp.resolve("rootfs"));

    assembler.assemble(image, target, tmp.resolve("u"), tmp.resolve("w"), Progress.NONE);

    assertEquals(dir(image, 4) + ":" + dir(image, 3) + ":" + dir(image, 1),
        lowerdirs(syscalls.calls(Mount.class).getFirst()));
  }

  @Test
  void anImageWithoutLayersGetsAnEmptyLowerDir() throws Exception {
    Image image = load("empty", List.of());
    Path target = Files.createDirectory(tmp.resolve("rootfs"));

    assembler.assemble(image, target, tmp.resolve("u"), tmp.resolve("w"), Progress.NONE);

    assertEquals(store.layout().emptyLayer().toString(),
        lowerdirs(syscalls.calls(Mount.class).getFirst()));
  }

  @Test
  void unpacksMissingLayersFirst() throws Exception {
    Image image = load("re", List.of(TarBuilder.create().file("a", "1").build()));
    io.jcrun.image.layer.TreeRemoval.remove(store.layout().layer(image.layers().getFirst()
        .diffId()));
    Path target = Files.createDirectory(tmp.resolve("rootfs"));

    AssembledRootfs rootfs = assembler.assemble(image, target, tmp.resolve("u"),
        tmp.resolve("w"), Progress.NONE);

    assertEquals(1, rootfs.unpackedLayers());
    assertEquals("1", Files.readString(Path.of(dir(image, 0), "a")));
  }
}
