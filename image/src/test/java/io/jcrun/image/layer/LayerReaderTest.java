package io.jcrun.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.image.LayerException;
import io.jcrun.image.TarBuilder;
import io.jcrun.image.layer.LayerChange.AddFile;
import io.jcrun.image.layer.LayerChange.AddHardlink;
import io.jcrun.image.layer.LayerChange.OpaqueWhiteout;
import io.jcrun.image.layer.LayerChange.Whiteout;
import io.jcrun.linux.ContainerPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LayerReaderTest {

  private static List<LayerChange> changes(byte[] tar) throws IOException {
    LayerReader reader = new LayerReader(new TarReader(new ByteArrayInputStream(tar)));
    List<LayerChange> out = new ArrayList<>();
    LayerChange c;
    while ((c = reader.next()) != null) {
      out.add(c);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
      "a/b, /a/b",
      "./a/b, /a/b",
      "/etc/passwd, /etc/passwd",
      "../../etc/passwd, /etc/passwd",
      "a/../../b, /b",
      "a//b/./c, /a/b/c"})
  void cleansNamesIntoTheRoot(String name, String expected) throws IOException {
    LayerChange c = changes(TarBuilder.create().file(name, "x").build()).getFirst();

    assertEquals(ContainerPath.of(expected), c.path());
  }

  @Test
  void classifiesWhiteouts() throws IOException {
    List<LayerChange> changes = changes(TarBuilder.create()
        .file("a/.wh.b", "")
        .file("a/.wh..wh..opq", "")
        .file(".wh..wh..opq", "")
        .file("a/.wh..wh.plnk", "")
        .build());

    assertEquals(List.of(new Whiteout(ContainerPath.of("/a/b")),
        new OpaqueWhiteout(ContainerPath.of("/a")),
        new OpaqueWhiteout(ContainerPath.of("/"))), changes);
  }

  @ParameterizedTest
  @ValueSource(strings = {".wh..", ".wh...", "a/.wh..", "a/.wh...", ".wh."})
  void refusesWhiteoutsOfNothing(String name) {
    var e = assertThrows(LayerException.class, () -> changes(TarBuilder.create().file(name, "")
        .build()));
    assertEquals(true, e.getMessage().startsWith("apply layer entry " + name + ": a whiteout of"),
        e.getMessage());
  }

  @Test
  void refusesAFileAsTheRoot() {
    var e = assertThrows(LayerException.class,
        () -> changes(TarBuilder.create().file("a/../..", "x").build()));
    assertEquals("apply layer entry a/../..: only a directory can be the layer root",
        e.getMessage());
  }

  @Test
  void cleansHardlinkTargets() throws IOException {
    List<LayerChange> changes = changes(TarBuilder.create()
        .hardlink("a", "../../etc/shadow").hardlink("self", "./self").build());

    assertEquals(List.of(new AddHardlink(ContainerPath.of("/a"), ContainerPath.of("/etc/shadow"))),
        changes);
  }

  @Test
  void refusesOwnersOutOfRange() {
    var e = assertThrows(LayerException.class, () -> changes(TarBuilder.create()
        .file("f", "x", a -> a.pax("uid", "4294967295")).build()));
    assertEquals("apply layer entry f: owner 4294967295:0 is out of range", e.getMessage());
  }

  @Test
  void usesMtimeAsAtimeWhenAbsent() throws IOException {
    AddFile f = (AddFile) changes(TarBuilder.create().file("f", "x", a -> a.mtime(99)).build())
        .getFirst();

    assertEquals(99_000_000_000L, f.meta().atimeNanos());
  }
}
