package io.jcrun.cgroups;

import io.jcrun.linux.Syscalls;
import java.time.Duration;

/**
 * Everything a cgroup manager does to the host: system calls (signals, BPF), cgroupfs files, and
 * sleeping while it polls. Tests pass {@code FakeSyscalls}, a cgroupfs in a temporary directory
 * and a sleeper that does not sleep.
 */
public record CgroupIo(Syscalls syscalls, CgroupFiles files, Sleeper sleeper) {

  /** The real files and sleeping, with {@code syscalls}. */
  public static CgroupIo of(Syscalls syscalls) {
    return new CgroupIo(syscalls, CgroupFiles.host(), Sleeper.REAL);
  }

  /** Sleeps; an interrupt becomes a {@link CgroupException} naming {@code operation}. */
  public void pause(Duration duration, String operation) throws CgroupException {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CgroupException(operation + ": interrupted", e);
    }
  }
}
