package io.jcrun.namespaces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.linux.Fd;
import io.jcrun.linux.MountFlag;
import io.jcrun.linux.MountFlags;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitProgramTest {
  @Test
  void encodesTheWireFormatOfProgramH() {
    InitProgramRecorder rec = new InitProgramRecorder();
    rec.source("mounts[0]");
    rec.mount("a", "/b", null, MountFlags.of(MountFlag.MS_RDONLY), null);
    InitProgram p = rec.build();
    String hex = HexFormat.of().formatHex(p.encode());
    assertEquals("4a435249" + "01000000" + "01000000"     // "JCRI", version 1, 1 op
        + "0400" + "0500"                                 // MOUNT, 5 args
        + "02" + "01000000" + "61"                        // "a"
        + "02" + "02000000" + "2f62"                      // "/b"
        + "03"                                            // NULL
        + "01" + "0100000000000000"                       // MS_RDONLY
        + "03", hex);
    assertEquals("0 MOUNT \"a\" \"/b\" NULL 1 NULL\n", p.toText());
    assertEquals(new InitProgram.Origin("mount(\"a\", \"/b\", NULL, MS_RDONLY, NULL)", "mounts[0]"),
        p.origins().getFirst());
  }

  @Test
  void refusesStringsWithNul() {
    InitProgramRecorder rec = new InitProgramRecorder();
    rec.sethostname("a\0b");
    assertThrows(IllegalArgumentException.class, () -> rec.build().encode());
  }

  @Test
  void reusesClosedSlotsAndKeepsSlotZeroForTheSyncSocket() {
    InitProgramRecorder rec = new InitProgramRecorder();
    Fd a = rec.openat(Fd.CWD, "/a", 0, 0);
    assertEquals(1, a.number());
    a.close();
    assertEquals(1, rec.openat(Fd.CWD, "/b", 0, 0).number());
    assertEquals(0, rec.syncSocket().number());
  }

  @Test
  void decodesMessagesFromTheExecutor() {
    byte[] data = new byte[16 + 3];
    data[0] = 2;
    data[4] = 7;
    data[8] = 13;
    data[12] = 3;
    System.arraycopy("why".getBytes(), 0, data, 16, 3);
    InitMessage m = InitMessage.decode(data, List.of());
    assertEquals(new InitMessage(InitMessage.Type.ERROR, 7, 13, "why", List.of()), m);
    assertArrayEquals(new byte[] {3, 0, 0, 0, -1, -1, -1, -1, 5, 0, 0, 0, 0, 0, 0, 0},
        InitMessage.sync(5));
  }
}
