package io.jcrun.cgroups;

import java.time.Duration;

/** Waiting between polls of cgroup files; tests pass one that returns at once. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
