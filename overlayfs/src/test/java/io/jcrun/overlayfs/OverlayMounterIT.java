package io.jcrun.overlayfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcrun.linux.Fd;
import io.jcrun.linux.LinuxSyscalls;
import io.jcrun.linux.OpenFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real overlay mounts on the running kernel: whiteouts, opaque dirs, and hundreds of layers. */
@Tag("root")
class OverlayMounterIT {
  @TempDir Path tmp;
  private LinuxSyscalls syscalls;
  private OverlayMounter mounter;

  @BeforeEach
  void setUp() {
    syscalls = LinuxSyscalls.load();
    assumeTrue(syscalls.geteuid() == 0, "needs root");
    mounter = new OverlayMounter(syscalls);
  }

  private Path dir(String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name));
  }

  @Test
  void mergesLayersWithWhiteoutsAndOpaqueDirs() throws Exception {
    Path base = dir("base");
    Files.writeString(base.resolve("a"), "base a");
    Files.writeString(base.resolve("gone"), "gone");
    Files.createDirectories(base.resolve("d"));
    Files.writeString(base.resolve("d/old"), "old");
    Path top = dir("top");
    Files.writeString(top.resolve("a"), "top a");
    Files.createDirectories(top.resolve("d"));
    Files.writeString(top.resolve("d/new"), "new");
    OverlayWhiteouts whiteouts = new OverlayWhiteouts(syscalls, false);
    try (Fd topFd = syscalls.openat(Fd.CWD, top.toString(), OpenFlags.O_PATH, 0)) {
      whiteouts.createWhiteout(topFd, "gone");
    }
    whiteouts.markOpaque(top.resolve("d").toString());
    Path target = dir("merged");

    mounter.mount(new OverlayMount(List.of(top, base), dir("upper"), dir("work"), target));
    try {
      assertEquals("top a", Files.readString(target.resolve("a")));
      assertFalse(Files.exists(target.resolve("gone")));
      assertFalse(Files.exists(target.resolve("d/old")));
      assertEquals("new", Files.readString(target.resolve("d/new")));
      Files.writeString(target.resolve("written"), "w");
      assertEquals("w", Files.readString(tmp.resolve("upper/written")));
    } finally {
      assertTrue(mounter.unmount(target));
    }
    assertFalse(mounter.unmount(target));
    assertFalse(Files.exists(target.resolve("a")));
  }

  @Test
  void mountsMoreLayersThanOnePageOfOptionsHolds() throws Exception {
    List<Path> lowers = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      Path layer = dir("layers/sha256/" + "%064d".formatted(i) + "/diff");
      Files.writeString(layer.resolve("file-" + i), "layer " + i);
      Files.writeString(layer.resolve("shadowed"), "layer " + i);
      lowers.add(0, layer); // topmost first: the last layer made is on top
    }
    Path target = dir("merged");
    OverlayMount overlay = new OverlayMount(lowers, dir("upper"), dir("work"), target);
    assertFalse(overlay.fitsInOnePage());

    mounter.mount(overlay);
    try {
      assertEquals("layer 0", Files.readString(target.resolve("file-0")));
      assertEquals("layer 149", Files.readString(target.resolve("file-149")));
      assertEquals("layer 149", Files.readString(target.resolve("shadowed")));
    } finally {
      mounter.unmount(target);
    }
  }
}
