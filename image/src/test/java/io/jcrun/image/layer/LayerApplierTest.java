package io.jcrun.image.layer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.image.HostFilesystemSyscalls;
import io.jcrun.image.TarBuilder;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallCall.Fchownat;
import io.jcrun.linux.SyscallCall.Mkfifoat;
import io.jcrun.linux.SyscallCall.Mknodat;
import io.jcrun.overlayfs.OverlayWhiteouts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierTest {
  @TempDir Path root;
  private final HostFilesystemSyscalls syscalls = new HostFilesystemSyscalls();

  private LayerStats apply(byte[] tar, WhiteoutMode mode) throws IOException {
    try (LayerApplier applier = new LayerApplier(syscalls, root, mode,
        new OverlayWhiteouts(syscalls, false))) {
      return applier.apply(new LayerReader(new TarReader(new ByteArrayInputStream(tar))));
    }
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  @Test
  void writesFilesDirectoriesLinksAndModes() throws IOException {
    LayerStats stats = apply(TarBuilder.create()
        .dir("bin/", e -> e.mode(0711))
        .file("bin/su", "#!/bin/sh\n", e -> e.mode(04755))
        .file("bin/open", "x", e -> e.mode(0666))
        .dir("tmp/", e -> e.mode(01777))
        .symlink("bin/sh", "su")
        .hardlink("sbin/su", "bin/su")
        .file("implicit/parent/file", "content")
        .build(), WhiteoutMode.OVERLAY);

    assertEquals(7, stats.entries());
    assertEquals(10 + 1 + 7, stats.bytes());
    assertEquals("#!/bin/sh\n", Files.readString(root.resolve("bin/su")));
    assertEquals(04755, mode(root.resolve("bin/su")));
    assertEquals(0666, mode(root.resolve("bin/open")));
    assertEquals(0711, mode(root.resolve("bin")));
    assertEquals(01777, mode(root.resolve("tmp")));
    assertEquals(0755, mode(root.resolve("implicit/parent")));
    assertEquals(Path.of("su"), Files.readSymbolicLink(root.resolve("bin/sh")));
    assertEquals(Files.getAttribute(root.resolve("bin/su"), "unix:ino"),
        Files.getAttribute(root.resolve("sbin/su"), "unix:ino"));
  }

  @Test
  void setsDirectoryTimesAfterTheirContent() throws IOException {
    apply(TarBuilder.create()
        .dir("d/", e -> e.mtime(1000))
        .file("d/f", "x", e -> e.mtime(2000))
        .dir("d/sub/", e -> e.mtime(3000))
        .file("d/sub/g", "y")
        .build(), WhiteoutMode.OVERLAY);

    assertEquals(FileTime.from(1000, TimeUnit.SECONDS),
        Files.getLastModifiedTime(root.resolve("d")));
    assertEquals(FileTime.from(2000, TimeUnit.SECONDS),
        Files.getLastModifiedTime(root.resolve("d/f")));
    assertEquals(FileTime.from(3000, TimeUnit.SECONDS),
        Files.getLastModifiedTime(root.resolve("d/sub")));
  }

  @Test
  void setsOwnersDevicesAndXattrsThroughSyscalls() throws IOException {
    apply(TarBuilder.create()
        .dir("home/user/", e -> e.owner(1000, 100))
        .file("home/user/f", "x", e -> e.owner(1000, 100).xattr("user.k", "v")
            .xattr("security.capability", "cap"))
        .charDevice("dev/null", 1, 3)
        .blockDevice("dev/sda", 8, 0)
        .fifo("run/fifo")
        .symlink("home/user/l", "f", e -> e.owner(1000, 100).xattr("user.no", "on-symlink")
            .xattr("trusted.ok", "yes"))
        .build(), WhiteoutMode.OVERLAY);

    List<Fchownat> chowns = syscalls.calls(Fchownat.class);
    assertEquals(List.of("user", "f", "l"), chowns.stream().map(Fchownat::path).toList());
    assertTrue(chowns.stream().allMatch(c -> c.uid() == 1000 && c.gid() == 100
        && c.flags() == OpenFlags.AT_SYMLINK_NOFOLLOW));
    List<Mknodat> nodes = syscalls.calls(Mknodat.class);
    assertEquals(List.of("null", "sda"), nodes.stream().map(Mknodat::path).toList());
    assertEquals(OpenFlags.S_IFCHR | 0666, nodes.get(0).mode());
    assertEquals(1, nodes.get(0).major());
    assertEquals(3, nodes.get(0).minor());
    assertEquals(OpenFlags.S_IFBLK | 0660, nodes.get(1).mode());
    assertEquals("fifo", syscalls.calls(Mkfifoat.class).getFirst().path());
    String f = root.resolve("home/user/f").toString();
    assertArrayEquals("v".getBytes(UTF_8), syscalls.xattrs.get(f + "\0user.k"));
    assertArrayEquals("cap".getBytes(UTF_8), syscalls.xattrs.get(f + "\0security.capability"));
    String l = root.resolve("home/user/l").toString();
    assertArrayEquals("yes".getBytes(UTF_8), syscalls.xattrs.get(l + "\0trusted.ok"));
    assertFalse(syscalls.xattrs.containsKey(l + "\0user.no"));
  }

  @Test
  void ignoresOverlayXattrsFromTheTar() throws IOException {
    apply(TarBuilder.create()
        .dir("d/", e -> e.xattr("trusted.overlay.redirect", "/etc").xattr("user.overlay.opaque",
            "y"))
        .build(), WhiteoutMode.OVERLAY);

    assertTrue(syscalls.xattrs.isEmpty());
  }

  @Test
  void writesOverlayWhiteoutsAndOpaqueDirs() throws IOException {
    LayerStats stats = apply(TarBuilder.create()
        .file("etc/.wh.passwd", "")
        .file("var/cache/.wh..wh..opq", "")
        .dir("var/cache/", e -> e.mode(0700))
        .file("var/cache/kept", "k")
        .build(), WhiteoutMode.OVERLAY);

    Mknodat whiteout = syscalls.calls(Mknodat.class).getFirst();
    assertEquals("passwd", whiteout.path());
    assertEquals(OpenFlags.S_IFCHR, whiteout.mode());
    assertEquals(0, whiteout.major());
    assertEquals(0, whiteout.minor());
    assertArrayEquals(new byte[] {'y'},
        syscalls.xattrs.get(root.resolve("var/cache") + "\0trusted.overlay.opaque"));
    assertEquals("k", Files.readString(root.resolve("var/cache/kept")));
    assertEquals(0700, mode(root.resolve("var/cache")));
    assertEquals(1, stats.whiteouts());
    assertFalse(stats.opaqueRoot());
  }

  @Test
  void aWhiteoutNeverHidesItsOwnLayer() throws IOException {
    apply(TarBuilder.create().file("a", "mine").file(".wh.a", "").build(), WhiteoutMode.OVERLAY);

    assertEquals("mine", Files.readString(root.resolve("a")));
    assertTrue(syscalls.calls(Mknodat.class).size() == 1); // tried, found the file, kept it
  }

  @Test
  void aLaterEntryReplacesAWhiteout() throws IOException {
    apply(TarBuilder.create().file(".wh.a", "").file("a", "back").build(), WhiteoutMode.OVERLAY);

    assertEquals("back", Files.readString(root.resolve("a")));
  }

  @Test
  void ignoresWhiteoutsUnderAFileOfTheSameLayer() throws IOException {
    for (WhiteoutMode mode : WhiteoutMode.values()) {
      apply(TarBuilder.create()
          .file("etc/conf.d", "now a file")
          .file("etc/conf.d/.wh.a.conf", "")
          .file("etc/conf.d/.wh..wh..opq", "")
          .build(), mode);

      assertEquals("now a file", Files.readString(root.resolve("etc/conf.d")));
    }
  }

  @Test
  void reportsAnOpaqueRoot() throws IOException {
    assertTrue(apply(TarBuilder.create().file(".wh..wh..opq", "").build(), WhiteoutMode.OVERLAY)
        .opaqueRoot());
  }

  @Test
  void laterEntriesReplaceEarlierOnes() throws IOException {
    apply(TarBuilder.create()
        .file("x", "file")
        .dir("x/")
        .file("x/in", "in")
        .symlink("y", "x")
        .file("y", "now a file")
        .dir("z/")
        .file("z/deep", "d")
        .file("z", "replaced a dir")
        .build(), WhiteoutMode.OVERLAY);

    assertTrue(Files.isDirectory(root.resolve("x")));
    assertEquals("in", Files.readString(root.resolve("x/in")));
    assertEquals("now a file", Files.readString(root.resolve("y")));
    assertFalse(Files.isSymbolicLink(root.resolve("y")));
    assertEquals("replaced a dir", Files.readString(root.resolve("z")));
  }

  @Test
  void rewritingAHardlinkedPathLeavesTheOtherLinkAlone() throws IOException {
    apply(TarBuilder.create().file("f", "original").hardlink("h", "f").file("h", "new").build(),
        WhiteoutMode.OVERLAY);

    assertEquals("original", Files.readString(root.resolve("f")));
    assertEquals("new", Files.readString(root.resolve("h")));
  }

  @Test
  void deleteModeRemovesWhatWhiteoutsHide() throws IOException {
    apply(TarBuilder.create()
        .file("etc/passwd", "p")
        .file("etc/group", "g")
        .file("var/cache/old", "o")
        .dir("var/cache/sub/")
        .build(), WhiteoutMode.DELETE);

    apply(TarBuilder.create()
        .file("var/cache/new", "n")
        .file("etc/.wh.passwd", "")
        .file("var/cache/.wh..wh..opq", "")
        .file("var/cache/newer", "n2")
        .file("etc/.wh.missing", "")
        .build(), WhiteoutMode.DELETE);

    assertFalse(Files.exists(root.resolve("etc/passwd")));
    assertTrue(Files.exists(root.resolve("etc/group")));
    assertFalse(Files.exists(root.resolve("var/cache/old")));
    assertFalse(Files.exists(root.resolve("var/cache/sub")));
    assertEquals("n", Files.readString(root.resolve("var/cache/new")));
    assertEquals("n2", Files.readString(root.resolve("var/cache/newer")));
  }

  @Test
  void reportsAHardlinkToNothing() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.jcrun.image.LayerException.class,
        () -> apply(TarBuilder.create().hardlink("h", "missing/file").build(),
            WhiteoutMode.OVERLAY));

    assertEquals("apply layer entry /h: hard link target /missing/file is not in this layer",
        e.getMessage());
  }
}
