package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.FreezerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The cgroup v2 freezer (kernel 5.2+): {@code cgroup.freeze} asks, and {@code cgroup.events}'s
 * {@code frozen} says when every task has stopped. A freeze that does not complete is undone, so
 * the cgroup is never left half frozen (runc#2774).
 */
final class V2Freezer {
  static final int POLLS = 1000;
  static final Duration POLL = Duration.ofMillis(10);

  private final CgroupIo io;

  V2Freezer(CgroupIo io) {
    this.io = io;
  }

  void freeze(Path dir) throws CgroupException {
    Path file = requireFreezer(dir, "freeze");
    io.files().write(file, "1");
    try {
      await(dir, true, "freeze");
    } catch (CgroupException e) {
      try {
        io.files().write(file, "0");
      } catch (CgroupException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
  }

  void thaw(Path dir) throws CgroupException {
    io.files().write(requireFreezer(dir, "thaw"), "0");
    await(dir, false, "thaw");
  }

  FreezerState state(Path dir) throws CgroupException {
    Optional<String> wanted = io.files().readIfExists(dir.resolve("cgroup.freeze"));
    if (wanted.isEmpty()) {
      return FreezerState.UNDEFINED;
    }
    if (wanted.get().trim().equals("0")) {
      return FreezerState.THAWED;
    }
    return frozen(dir) ? FreezerState.FROZEN : FreezerState.FREEZING;
  }

  private Path requireFreezer(Path dir, String operation) throws CgroupException {
    Path file = dir.resolve("cgroup.freeze");
    if (!io.files().exists(file)) {
      throw new CgroupException(operation + " " + dir + ": " + file
          + " is missing (the cgroup v2 freezer needs Linux 5.2 or later)");
    }
    return file;
  }

  private void await(Path dir, boolean frozen, String operation) throws CgroupException {
    for (int i = 0; i < POLLS; i++) {
      if (frozen(dir) == frozen) {
        return;
      }
      io.pause(POLL, operation + " " + dir);
    }
    throw new CgroupException(operation + " " + dir + ": cgroup.events does not say frozen "
        + (frozen ? 1 : 0) + " after " + POLL.multipliedBy(POLLS).toSeconds() + "s");
  }

  private boolean frozen(Path dir) throws CgroupException {
    Long value = io.files().readFlatKeyed(dir.resolve("cgroup.events")).get("frozen");
    return value != null && value == 1;
  }
}
