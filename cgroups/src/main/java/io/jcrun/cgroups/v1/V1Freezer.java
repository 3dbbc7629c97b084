package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.FreezerState;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The cgroup v1 freezer: {@code freezer.state} is written {@code FROZEN} and read back until the
 * kernel stops saying {@code FREEZING}. Processes that keep forking can keep a v1 cgroup
 * freezing; as runc does, the freeze is repeated, with an occasional thaw and short sleep, and
 * given up (thawed) after 1000 attempts.
 */
final class V1Freezer {
  static final int ATTEMPTS = 1000;
  static final Duration THAW_PAUSE = Duration.ofMillis(10);
  static final Duration READ_PAUSE = Duration.ofNanos(10_000);

  private final CgroupIo io;

  V1Freezer(CgroupIo io) {
    this.io = io;
  }

  void freeze(Path dir) throws CgroupException {
    Path file = dir.resolve("freezer.state");
    for (int i = 0; i < ATTEMPTS; i++) {
      if (i % 50 == 49) {
        io.files().write(file, "THAWED");
        io.pause(THAW_PAUSE, "freeze " + dir);
      }
      io.files().write(file, "FROZEN");
      if (i % 25 == 24) {
        io.pause(READ_PAUSE, "freeze " + dir);
      }
      String state = io.files().read(file).trim();
      switch (state) {
        case "FROZEN" -> {
          return;
        }
        case "FREEZING" -> {
          // Not all tasks stopped yet: write again.
        }
        default -> throw new CgroupException("freeze " + dir + ": " + file + " is \"" + state
            + "\" while freezing");
      }
    }
    io.files().write(file, "THAWED");
    throw new CgroupException("freeze " + dir + ": still FREEZING after " + ATTEMPTS
        + " attempts (processes keep forking); thawed it again");
  }

  void thaw(Path dir) throws CgroupException {
    Path file = dir.resolve("freezer.state");
    for (int i = 0; i < ATTEMPTS; i++) {
      io.files().write(file, "THAWED");
      if (io.files().read(file).trim().equals("THAWED")) {
        return;
      }
      io.pause(THAW_PAUSE, "thaw " + dir);
    }
    throw new CgroupException("thaw " + dir + ": " + file + " does not say THAWED");
  }

  FreezerState state(Path dir) throws CgroupException {
    String state = io.files().read(dir.resolve("freezer.state")).trim();
    return switch (state) {
      case "THAWED" -> FreezerState.THAWED;
      case "FREEZING" -> FreezerState.FREEZING;
      case "FROZEN" -> FreezerState.FROZEN;
      default -> throw new CgroupException("read " + dir.resolve("freezer.state")
          + ": unknown state \"" + state + "\"");
    };
  }
}
