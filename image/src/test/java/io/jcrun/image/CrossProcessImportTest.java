package io.jcrun.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports and prunes from several processes at once into one store: the fcntl store lock and
 * the leases must keep every import whole and every prune from taking what an import uses.
 */
class CrossProcessImportTest {
  @TempDir Path tmp;

  private Path layout(String name, String ref, String content) {
    OciLayoutBuilder b = new OciLayoutBuilder(tmp.resolve(name));
    b.image(ref, List.of(
        b.gzipLayer(TarBuilder.create().file("shared", "same in every image").build()),
        b.gzipLayer(TarBuilder.create().file("own", content).build())), null);
    return b.write();
  }

  @Test
  void importsAndPrunesFromSeveralProcessesKeepTheStoreWhole() throws Exception {
    Path store = tmp.resolve("store");
    List<Path> layouts = List.of(layout("a", "a:1", "a"), layout("b", "b:1", "b"),
        layout("c", "c:1", "c"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (Path l : layouts.subList(0, 2)) {
      children.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
          System.getProperty("java.class.path"), ConcurrentLoadMain.class.getName(),
          l.toString(), store.toString(), "4").redirectErrorStream(true)
          .redirectOutput(tmp.resolve("child-" + children.size() + ".log").toFile()).start());
    }
    ConcurrentLoadMain.main(new String[] {layouts.get(2).toString(), store.toString(), "4"});
    for (int i = 0; i < children.size(); i++) {
      assertEquals(0, children.get(i).waitFor(),
          Files.readString(tmp.resolve("child-" + i + ".log")));
    }

    ImageStore result = new ImageStore(store, new HostFilesystemSyscalls());
    assertEquals(3, result.list().size());
    for (String ref : List.of("a:1", "b:1", "c:1")) {
      Image image = result.resolve(ref);
      for (ImageLayer l : image.layers()) {
        assertTrue(result.layerCache().contains(l.diffId()), ref + " " + l.diffId());
        assertTrue(Files.exists(result.layout().blob(l.blob())), ref + " " + l.blob());
      }
    }
    assertEquals(List.of(), Files.list(store.resolve("tmp")).toList());
    assertEquals(new PruneResult(List.of(), 0, 0, 0), result.prune());
  }
}
