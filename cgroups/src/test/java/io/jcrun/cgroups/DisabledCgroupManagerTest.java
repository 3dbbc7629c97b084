package io.jcrun.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisabledCgroupManagerTest {
  final CgroupManager disabled = CgroupManager.disabled();

  @Test
  void doesNothingAndReportsNothing() throws Exception {
    disabled.create();
    disabled.apply(CgroupResources.builder().memoryLimit(1).build());
    disabled.addProcess(1);
    disabled.killAll();
    disabled.destroy();
    assertFalse(disabled.exists());
    assertEquals(List.of(), disabled.pids());
    assertEquals(CgroupStats.EMPTY, disabled.stats());
    assertEquals(0, disabled.oomKillCount());
    assertEquals(FreezerState.UNDEFINED, disabled.freezerState());
    assertEquals(CgroupPaths.NONE, disabled.paths());
  }

  @Test
  void refusesToPause() {
    CgroupException e = assertThrows(CgroupException.class, disabled::freeze);
    assertEquals("freeze: cgroups are disabled (--cgroup-manager disabled)", e.getMessage());
    assertThrows(CgroupException.class, disabled::thaw);
  }
}
