package io.jcrun.image.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.image.HostFilesystemSyscalls;
import io.jcrun.image.ImageException;
import io.jcrun.image.ImageNotFoundException;
import io.jcrun.image.ImageStore;
import io.jcrun.image.OciLayoutBuilder;
import io.jcrun.image.Platforms;
import io.jcrun.image.Progress;
import io.jcrun.image.TarBuilder;
import io.jcrun.linux.Errno;
import io.jcrun.linux.SyscallCall.Mount;
import io.jcrun.linux.SyscallCall.Umount2;
import io.jcrun.spec.Spec;
import io.jcrun.spec.SpecMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCreatorTest {
  @TempDir Path tmp;
  private final HostFilesystemSyscalls syscalls = new HostFilesystemSyscalls();
  private ImageStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new ImageStore(tmp.resolve("store"), syscalls);
    OciLayoutBuilder b = new OciLayoutBuilder(tmp.resolve("layout"));
    b.image("app:1", List.of(b.gzipLayer(TarBuilder.create().file("bin/app", "x").build())),
        OciLayoutBuilder.exec("1000:1000", List.of("/bin/app"), List.of("--serve")));
    store.load(b.write(), Platforms.parse("linux/amd64"), Progress.NONE);
  }

  @Test
  void writesConfigMountsAndHoldsThenCleansUp() throws Exception {
    Path bundle = tmp.resolve("bundle");

    ImageBundle made = new BundleCreator(store, syscalls).create("app:1", bundle,
        List.of());

    assertEquals(bundle.resolve("rootfs"), made.rootfs());
    Spec spec = SpecMapper.readSpec(bundle.resolve("config.json"));
    assertEquals(List.of("/bin/app", "--serve"), spec.process().args());
    assertEquals(1000L, spec.process().user().uid());
    assertEquals(List.of("PATH=/usr/bin:/bin", "GREETING=hi", "HOME=/"), spec.process().env());
    assertEquals("/work", spec.process().cwd());
    assertEquals("SIGQUIT", spec.annotations().get("org.opencontainers.image.stopSignal"));
    assertEquals(Map.of(made.holder(), made.image()), store.holders());
    assertEquals(bundle.resolve("rootfs").toString(),
        syscalls.calls(Mount.class).getFirst().target());
    assertEquals(Optional.of(store.root()), BundleCleaner.storeRoot(bundle));

    assertTrue(new BundleCleaner(store, syscalls).cleanup(bundle));

    assertEquals(new Umount2(bundle.resolve("rootfs").toString(), 0),
        syscalls.calls(Umount2.class).getFirst());
    assertFalse(Files.exists(bundle));
    assertEquals(Map.of(), store.holders());
    assertFalse(Files.exists(store.layout().mount(made.holder())));
    assertFalse(new BundleCleaner(store, syscalls).cleanup(bundle));
  }

  @Test
  void keepsADirItDidNotMake() throws Exception {
    Path bundle = Files.createDirectory(tmp.resolve("mine"));
    Files.writeString(bundle.resolve("notes"), "keep");

    new BundleCreator(store, syscalls).create("app:1", bundle, List.of("sh"));
    new BundleCleaner(store, syscalls).cleanup(bundle);

    assertEquals(List.of(bundle.resolve("notes")), Files.list(bundle).toList());
  }

  @Test
  void aFailedMountLeavesNothingBehind() throws Exception {
    syscalls.failWhen(c -> c instanceof Mount, Errno.EPERM);
    syscalls.failWhen(c -> c instanceof Umount2, Errno.EINVAL);
    Path bundle = tmp.resolve("bundle");

    var e = assertThrows(ImageException.class,
        () -> new BundleCreator(store, syscalls).create("app:1", bundle, List.of()));

    assertTrue(e.getMessage().startsWith("create bundle " + bundle + " from app:1: mount overlay"
        + " on " + bundle.resolve("rootfs")), e.getMessage());
    assertFalse(Files.exists(bundle));
    assertEquals(Map.of(), store.holders());
    assertEquals(List.of(), Files.list(store.layout().mounts()).toList());
  }

  @Test
  void refusesABundleDirThatIsInUse() throws Exception {
    Path bundle = Files.createDirectory(tmp.resolve("used"));
    Files.writeString(bundle.resolve("config.json"), "{}");

    var e = assertThrows(ImageException.class,
        () -> new BundleCreator(store, syscalls).create("app:1", bundle, List.of()));

    assertEquals("create bundle " + bundle + " from app:1: it already has a config.json",
        e.getMessage());
    assertThrows(ImageNotFoundException.class,
        () -> new BundleCreator(store, syscalls).create("nope", bundle, List.of()));
  }
}
