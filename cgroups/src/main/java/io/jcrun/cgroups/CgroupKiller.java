package io.jcrun.cgroups;

import io.jcrun.linux.Errno;
import io.jcrun.linux.Signal;
import io.jcrun.linux.SyscallException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Kills every process of a cgroup (runc's {@code signalAllProcesses}): with {@code cgroup.kill}
 * when the kernel has it (5.14+, also in the cgroup2 part of a hybrid host), which kills
 * atomically; otherwise SIGKILL to each pid while the cgroup is frozen, so that no fork escapes
 * between listing and killing, in rounds until the cgroup is empty.
 */
public final class CgroupKiller {
  static final int ROUNDS = 50;
  static final int EMPTY_POLLS = 500;
  static final Duration POLL = Duration.ofMillis(10);

  private final CgroupIo io;

  public CgroupKiller(CgroupIo io) {
    this.io = io;
  }

  /**
   * Kills everything in {@code cgroup} and waits until it is empty.
   *
   * @param killFile the {@code cgroup.kill} file to use when it exists
   */
  public void killAll(CgroupManager cgroup, Optional<Path> killFile, String name)
      throws CgroupException {
    if (killFile.isPresent() && io.files().exists(killFile.get())) {
      io.files().write(killFile.get(), "1");
    } else {
      signalInRounds(cgroup, name);
    }
    for (int poll = 0; poll < EMPTY_POLLS; poll++) {
      if (cgroup.pids().isEmpty()) {
        return;
      }
      io.pause(POLL, "kill the processes of cgroup " + name);
    }
    throw new CgroupException("kill the processes of cgroup " + name + ": processes "
        + cgroup.pids() + " are still there after " + POLL.multipliedBy(EMPTY_POLLS).toSeconds()
        + "s");
  }

  private void signalInRounds(CgroupManager cgroup, String name) throws CgroupException {
    for (int round = 0; round < ROUNDS; round++) {
      if (cgroup.pids().isEmpty()) {
        return;
      }
      boolean frozen = tryFreeze(cgroup);
      try {
        for (int pid : cgroup.pids()) {
          kill(pid);
        }
      } finally {
        if (frozen) {
          // Frozen cgroup v1 tasks only die once thawed.
          cgroup.thaw();
        }
      }
      io.pause(POLL, "kill the processes of cgroup " + name);
    }
  }

  /** Freezing is best effort: without a freezer, killing in rounds still converges. */
  private static boolean tryFreeze(CgroupManager cgroup) {
    try {
      if (cgroup.freezerState() == FreezerState.UNDEFINED) {
        return false;
      }
      cgroup.freeze();
      return true;
    } catch (CgroupException e) {
      return false;
    }
  }

  private void kill(int pid) throws CgroupException {
    try {
      io.syscalls().kill(pid, Signal.SIGKILL);
    } catch (SyscallException e) {
      if (!e.is(Errno.ESRCH)) {
        throw new CgroupException("kill " + pid + ": " + Errno.describe(e.errno()), e);
      }
    }
  }
}
