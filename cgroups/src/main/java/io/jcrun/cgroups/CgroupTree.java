package io.jcrun.cgroups;

import io.jcrun.linux.Errno;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cgroup directory and its sub-cgroups: creating the directories down to it, listing every
 * process in it, and removing it deepest first.
 */
public final class CgroupTree {
  /** rmdir retries on EBUSY: 1 ms doubling, 10 times (about a second in all), as runc does. */
  static final int RMDIR_RETRIES = 10;
  static final int ADD_RETRIES = 5;
  static final Duration ADD_RETRY_DELAY = Duration.ofMillis(30);

  private final CgroupIo io;

  public CgroupTree(CgroupIo io) {
    this.io = io;
  }

  /**
   * {@code mkdir -p} of {@code dir} below {@code mount} (which exists).
   *
   * @return the directories this call created, parents first
   */
  public List<Path> createDirectories(Path mount, Path dir) throws CgroupException {
    List<Path> created = new ArrayList<>();
    Path current = mount;
    try {
      for (Path part : mount.relativize(dir)) {
        current = current.resolve(part.toString());
        if (io.files().mkdir(current)) {
          created.add(current);
        }
      }
    } catch (CgroupException e) {
      removeCreated(created, e);
      throw e;
    }
    return created;
  }

  /** Removes what {@link #createDirectories} made, deepest first; failures go to {@code cause}. */
  public void removeCreated(List<Path> created, Exception cause) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        remove(created.get(i));
      } catch (CgroupException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /**
   * Writes {@code pid} to {@code dir}/cgroup.procs. A task still being created (TASK_NEW) is
   * refused with EINVAL for a moment, so that is retried, as runc does.
   */
  public void addProcess(Path dir, int pid) throws CgroupException {
    for (int attempt = 0; ; attempt++) {
      try {
        io.files().write(dir.resolve("cgroup.procs"), Integer.toString(pid));
        return;
      } catch (CgroupException e) {
        if (!e.is(Errno.EINVAL) || attempt == ADD_RETRIES) {
          throw e;
        }
      }
      io.pause(ADD_RETRY_DELAY, "add process " + pid + " to " + dir);
    }
  }

  /** The processes in {@code dir} and its sub-cgroups; none when {@code dir} does not exist. */
  public List<Integer> processes(Path dir) throws CgroupException {
    List<Integer> pids = new ArrayList<>();
    collect(dir, pids);
    return pids;
  }

  private void collect(Path dir, List<Integer> pids) throws CgroupException {
    if (!io.files().exists(dir)) {
      return;
    }
    String procs = io.files().readIfExists(dir.resolve("cgroup.procs")).orElse("");
    for (String line : procs.split("\n")) {
      String pid = line.trim();
      if (!pid.isEmpty()) {
        try {
          pids.add(Integer.parseInt(pid));
        } catch (NumberFormatException e) {
          throw new CgroupException("parse " + dir.resolve("cgroup.procs") + ": \"" + pid
              + "\" is not a pid");
        }
      }
    }
    for (Path child : subdirectoriesIfExists(dir)) {
      collect(child, pids);
    }
  }

  /**
   * Removes {@code dir} and its sub-cgroups, deepest first. A cgroup whose last process has just
   * died can still be busy for a moment (the kernel frees it asynchronously), so {@code EBUSY} is
   * retried with a short backoff. A directory that is already gone counts as removed.
   */
  public void remove(Path dir) throws CgroupException {
    if (!io.files().exists(dir)) {
      return;
    }
    for (Path child : subdirectoriesIfExists(dir)) {
      remove(child);
    }
    Duration delay = Duration.ofMillis(1);
    for (int attempt = 0; ; attempt++) {
      try {
        io.files().rmdir(dir);
        return;
      } catch (CgroupException e) {
        if (e.is(Errno.ENOENT)) {
          return;
        }
        if (!e.is(Errno.EBUSY) || attempt == RMDIR_RETRIES) {
          throw e;
        }
      }
      io.pause(delay, "rmdir " + dir);
      delay = delay.multipliedBy(2);
    }
  }

  private List<Path> subdirectoriesIfExists(Path dir) throws CgroupException {
    try {
      return io.files().subdirectories(dir);
    } catch (CgroupException e) {
      if (e.is(Errno.ENOENT)) {
        return List.of();
      }
      throw e;
    }
  }
}
