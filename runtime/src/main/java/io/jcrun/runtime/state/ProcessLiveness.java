package io.jcrun.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a process's start time and state from {@code /proc/<pid>/stat} under an injected proc root. */
public final class ProcessLiveness {
  private final Path procRoot;

  public ProcessLiveness(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** The start time in clock ticks, or -1 when the process does not exist. */
  public long startTime(int pid) throws IOException {
    String[] f = fields(pid);
    return f == null ? -1 : Long.parseLong(f[19]);
  }

  /**
   * Whether {@code pid} is alive and is the process that started at {@code startTime}; a zombie
   * counts as gone, as in runc.
   */
  public boolean isAlive(int pid, long startTime) throws IOException {
    if (pid <= 0) {
      return false;
    }
    String[] f = fields(pid);
    if (f == null || Long.parseLong(f[19]) != startTime) {
      return false;
    }
    return !f[0].equals("Z") && !f[0].equals("X");
  }

  /** The fields after the command name: index 0 is the state (field 3 of proc(5)). */
  private String[] fields(int pid) throws IOException {
    String stat;
    try {
      stat = Files.readString(procRoot.resolve(pid + "/stat"));
    } catch (NoSuchFileException e) {
      return null;
    }
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }
}
