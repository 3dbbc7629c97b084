package io.jcrun.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLivenessTest {
  @TempDir Path proc;

  private void stat(int pid, String comm, char state, long start) throws Exception {
    Files.createDirectories(proc.resolve(Integer.toString(pid)));
    StringBuilder sb = new StringBuilder(pid + " (" + comm + ") " + state);
    for (int field = 4; field <= 21; field++) {
      sb.append(" 0");
    }
    sb.append(' ').append(start).append(" 0 0\n");
    Files.writeString(proc.resolve(pid + "/stat"), sb.toString());
  }

  @Test
  void readsTheStartTimeEvenWhenTheCommandHasSpacesAndParentheses() throws Exception {
    stat(10, "we ird) (name", 'S', 987654);
    assertEquals(987654, new ProcessLiveness(proc).startTime(10));
    assertEquals(-1, new ProcessLiveness(proc).startTime(11));
  }

  @Test
  void aReusedPidOrAZombieIsNotTheContainer() throws Exception {
    ProcessLiveness live = new ProcessLiveness(proc);
    stat(10, "sh", 'S', 100);
    assertTrue(live.isAlive(10, 100));
    assertFalse(live.isAlive(10, 101), "same pid, other process");
    stat(10, "sh", 'Z', 100);
    assertFalse(live.isAlive(10, 100), "zombie");
    assertFalse(live.isAlive(0, 0));
  }

  @Test
  void readsTheRealProc() throws Exception {
    long start = new ProcessLiveness(Path.of("/proc")).startTime((int) ProcessHandle.current().pid());
    assertTrue(start > 0);
    assertTrue(new ProcessLiveness(Path.of("/proc")).isAlive((int) ProcessHandle.current().pid(), start));
  }
}
