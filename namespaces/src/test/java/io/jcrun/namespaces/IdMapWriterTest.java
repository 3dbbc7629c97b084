package io.jcrun.namespaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdMapWriterTest {
  @TempDir Path proc;

  @Test
  void writesEachMapInOneWriteAndSetgroupsBeforeTheGidMap() throws Exception {
    Path dir = Files.createDirectories(proc.resolve("42"));
    for (String f : List.of("uid_map", "gid_map", "setgroups")) {
      Files.writeString(dir.resolve(f), "");
    }
    new IdMapWriter(proc).write(42, List.of(new IdMapping(0, 100000, 65536),
        new IdMapping(65536, 1000, 1)), List.of(new IdMapping(0, 100000, 65536)), false);
    assertEquals("0 100000 65536\n65536 1000 1\n", Files.readString(dir.resolve("uid_map")));
    assertEquals("0 100000 65536\n", Files.readString(dir.resolve("gid_map")));
    assertEquals("deny", Files.readString(dir.resolve("setgroups")));
  }

  @Test
  void namesTheFileAndTheValueWhenTheKernelRefuses() {
    Exception e = assertThrows(java.io.IOException.class, () -> new IdMapWriter(proc)
        .write(7, List.of(new IdMapping(0, 1, 1)), List.of(), true));
    assertEquals("write 0 1 1 to " + proc.resolve("7/uid_map") + ": " + proc.resolve("7/uid_map"),
        e.getMessage());
  }

  @Test
  void mapsIdsToTheHost() {
    List<IdMapping> m = List.of(new IdMapping(0, 100000, 10), new IdMapping(1000, 5000, 1));
    assertEquals(100003, IdMapping.toHost(m, 3));
    assertEquals(5000, IdMapping.toHost(m, 1000));
    assertEquals(-1, IdMapping.toHost(m, 10));
  }
}
