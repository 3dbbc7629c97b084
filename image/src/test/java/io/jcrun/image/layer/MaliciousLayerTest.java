package io.jcrun.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.image.HostFilesystemSyscalls;
import io.jcrun.image.LayerException;
import io.jcrun.image.TarBuilder;
import io.jcrun.overlayfs.OverlayWhiteouts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Layers that try to write outside their directory. Whatever they do, the tree next to the layer
 * dir (with a "secret" file and directory an attacker would aim at) stays byte for byte as it was.
 */
class MaliciousLayerTest {
  @TempDir Path base;
  private Path layer;
  private Path outside;
  private Map<String, String> before;
  private final HostFilesystemSyscalls syscalls = new HostFilesystemSyscalls();

  @BeforeEach
  void setUp() throws IOException {
    layer = Files.createDirectory(base.resolve("layer"));
    outside = Files.createDirectory(base.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Files.createDirectory(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/file"), "file");
    before = snapshot(outside);
  }

  /** Every path below {@code dir} with its type, mode, link count and content. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        String content = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            ? Files.readString(p)
            : Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : "dir";
        out.put(dir.relativize(p).toString(), content + " mode="
            + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) + " nlink="
            + Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS) + " mtime="
            + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return out;
  }

  private void apply(TarBuilder tar, WhiteoutMode mode) throws IOException {
    try (LayerApplier applier = new LayerApplier(syscalls, layer, mode,
        new OverlayWhiteouts(syscalls, false))) {
      applier.apply(new LayerReader(new TarReader(new ByteArrayInputStream(tar.build()))));
    }
  }

  private void applyIgnoringRefusal(TarBuilder tar, WhiteoutMode mode) throws IOException {
    try {
      apply(tar, mode);
    } catch (LayerException refused) {
      // refusing is fine; writing outside is not
    }
  }

  private void assertOutsideUntouched() throws IOException {
    assertEquals(before, snapshot(outside));
    assertTrue(syscalls.xattrs.keySet().stream().allMatch(k -> k.startsWith(layer.toString())),
        syscalls.xattrs.keySet().toString());
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void dotDotNamesStayInside(WhiteoutMode mode) throws IOException {
    apply(TarBuilder.create()
        .file("../outside/secret", "pwned")
        .file("../../../../../../" + outside.resolve("secret"), "pwned")
        .file(outside.resolve("dir/file").toString(), "pwned"), mode);

    assertOutsideUntouched();
    assertEquals("pwned", Files.readString(layer.resolve("outside/secret")));
    Path mirrored = layer.resolve(outside.toString().substring(1));
    assertEquals("pwned", Files.readString(mirrored.resolve("secret")));
    assertEquals("pwned", Files.readString(mirrored.resolve("dir/file")));
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void aFileThroughAPlantedSymlinkStaysInside(WhiteoutMode mode) throws IOException {
    apply(TarBuilder.create()
        .symlink("abs", outside.toString())
        .file("abs/secret", "pwned")
        .symlink("rel", "../../../../../../../../" + outside)
        .dir("rel/dir/")
        .file("rel/dir/file", "pwned")
        .symlink("root", "/")
        .file("root/at-root", "inside"), mode);

    assertOutsideUntouched();
    Path mirrored = layer.resolve(outside.toString().substring(1));
    assertEquals("pwned", Files.readString(mirrored.resolve("secret")));
    assertEquals("pwned", Files.readString(mirrored.resolve("dir/file")));
    assertEquals("inside", Files.readString(layer.resolve("at-root")));
    assertTrue(Files.isSymbolicLink(layer.resolve("abs")));
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void aFileReplacingASymlinkDoesNotWriteThroughIt(WhiteoutMode mode) throws IOException {
    apply(TarBuilder.create()
        .symlink("secret", outside.resolve("secret").toString())
        .file("secret", "pwned")
        .symlink("dir", outside.resolve("dir").toString())
        .dir("dir/", e -> e.mode(0777).mtime(1)), mode);

    assertOutsideUntouched();
    assertEquals("pwned", Files.readString(layer.resolve("secret")));
    assertTrue(Files.isDirectory(layer.resolve("dir"), LinkOption.NOFOLLOW_LINKS));
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void hardlinksToOutsideAreRefused(WhiteoutMode mode) throws IOException {
    assertThrows(LayerException.class, () -> apply(TarBuilder.create()
        .hardlink("h1", "../outside/secret"), mode));
    assertThrows(LayerException.class, () -> apply(TarBuilder.create()
        .hardlink("h2", outside.resolve("secret").toString()), mode));
    assertThrows(LayerException.class, () -> apply(TarBuilder.create()
        .symlink("l", outside.toString())
        .hardlink("h3", "l/secret"), mode));

    assertOutsideUntouched();
    assertFalse(Files.exists(layer.resolve("h1")));
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void aHardlinkOverAPlantedSymlinkReplacesTheSymlink(WhiteoutMode mode) throws IOException {
    apply(TarBuilder.create()
        .file("inside", "mine")
        .symlink("link", outside.resolve("secret").toString())
        .hardlink("link", "inside"), mode);

    assertOutsideUntouched();
    assertEquals("mine", Files.readString(layer.resolve("link")));
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void whiteoutsOfDotDotAreRefused(WhiteoutMode mode) throws IOException {
    assertThrows(LayerException.class, () -> apply(TarBuilder.create().file(".wh...", ""), mode));
    assertThrows(LayerException.class,
        () -> apply(TarBuilder.create().file("a/.wh...", ""), mode));

    assertOutsideUntouched();
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void whiteoutsThroughPlantedSymlinksStayInside(WhiteoutMode mode) throws IOException {
    applyIgnoringRefusal(TarBuilder.create()
        .symlink("l", outside.toString())
        .file("l/.wh.secret", "")
        .file("l/dir/.wh..wh..opq", "")
        .file("../outside/.wh.secret", "")
        .file("../outside/.wh..wh..opq", ""), mode);

    assertOutsideUntouched();
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void deviceNodesThroughSymlinksStayInside(WhiteoutMode mode) throws IOException {
    apply(TarBuilder.create()
        .symlink("dev", outside.toString())
        .charDevice("dev/evil", 1, 1)
        .fifo("dev/fifo"), mode);

    assertOutsideUntouched();
    assertTrue(Files.exists(layer.resolve(outside.toString().substring(1)).resolve("evil")));
  }
}
