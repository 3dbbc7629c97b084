package io.jcrun.linux;

import static io.jcrun.linux.MountFlag.MS_BIND;
import static io.jcrun.linux.MountFlag.MS_RDONLY;
import static io.jcrun.linux.MountFlag.MS_REC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MountFlagsTest {
  @Test
  void rendersSymbolicallyLikeRunc() {
    assertEquals("MS_BIND|MS_REC", MountFlags.of(MS_REC, MS_BIND).toString());
    assertEquals("0", MountFlags.NONE.toString());
    assertEquals("MS_RDONLY|0x40000000", new MountFlags(1L | 0x40000000L).toString());
  }

  @Test
  void addsAndRemovesFlags() {
    MountFlags f = MountFlags.of(MS_BIND).with(MS_RDONLY).without(MS_BIND);
    assertTrue(f.has(MS_RDONLY));
    assertFalse(f.has(MS_BIND));
    assertEquals(1L, f.bits());
  }
}
