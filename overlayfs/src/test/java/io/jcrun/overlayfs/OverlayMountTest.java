package io.jcrun.overlayfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverlayMountTest {

  @Test
  void buildsMountDataTopmostFirst() {
    var mount = new OverlayMount(List.of(Path.of("/l/top"), Path.of("/l/base")), Path.of("/u"),
        Path.of("/w"), Path.of("/t"), List.of("userxattr"));

    assertEquals("lowerdir=/l/top:/l/base,upperdir=/u,workdir=/w,userxattr", mount.mountData());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/l/a:b", "/l/a,b"})
  void rejectsSeparatorsInPaths(String lower) {
    var mount = new OverlayMount(List.of(Path.of(lower)), Path.of("/u"), Path.of("/w"),
        Path.of("/t"));

    var e = assertThrows(OverlayException.class, mount::validate);
    assertEquals("mount overlay on /t: lower dir " + lower
        + " contains ':' or ',', which overlayfs reads as separators", e.getMessage());
  }

  @Test
  void rejectsNoLowerDirs() {
    assertThrows(IllegalArgumentException.class,
        () -> new OverlayMount(List.of(), Path.of("/u"), Path.of("/w"), Path.of("/t")));
  }

  @Test
  void knowsWhenTheDataExceedsOnePage() {
    List<Path> few = IntStream.range(0, 10).mapToObj(i -> Path.of("/var/lib/jcrun/layers/" + i))
        .toList();
    List<Path> many = IntStream.range(0, 100)
        .mapToObj(i -> Path.of("/var/lib/jcrun/layers/sha256/" + "0".repeat(60) + i)).toList();

    assertTrue(new OverlayMount(few, Path.of("/u"), Path.of("/w"), Path.of("/t")).fitsInOnePage());
    assertFalse(new OverlayMount(many, Path.of("/u"), Path.of("/w"), Path.of("/t"))
        .fitsInOnePage());
  }
}
