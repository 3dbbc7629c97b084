package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.Cpu;
import io.jcrun.linux.Errno;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code cpu} on cgroup v1: {@code cpu.shares}, the CFS bandwidth ({@code cpu.cfs_period_us},
 * {@code cpu.cfs_quota_us}, {@code cpu.cfs_burst_us}), {@code cpu.idle} and the realtime budget
 * ({@code cpu.rt_period_us}, {@code cpu.rt_runtime_us}).
 */
final class V1Cpu {
  private final CgroupFiles files;

  V1Cpu(CgroupFiles files) {
    this.files = files;
  }

  void apply(Path dir, Cpu cpu) throws CgroupException {
    if (cpu.shares().isPresent()) {
      writeShares(dir, cpu.shares().getAsLong());
    }
    boolean quota = cpu.quota().isPresent();
    // A new period or burst can be refused (EINVAL) until the new quota is in: old quota over new
    // period may exceed the parent's bandwidth. runc retries them after the quota.
    boolean periodPending = writeBeforeQuota(dir, "cpu.cfs_period_us", cpu.period(), quota);
    boolean burstPending = writeBeforeQuota(dir, "cpu.cfs_burst_us", cpu.burst(), quota);
    if (quota) {
      files.write(dir.resolve("cpu.cfs_quota_us"), Long.toString(cpu.quota().getAsLong()));
      if (periodPending) {
        files.write(dir.resolve("cpu.cfs_period_us"),
            Long.toUnsignedString(cpu.period().getAsLong()));
      }
      if (burstPending) {
        files.write(dir.resolve("cpu.cfs_burst_us"),
            Long.toUnsignedString(cpu.burst().getAsLong()));
      }
    }
    if (cpu.idle().isPresent()) {
      files.write(dir.resolve("cpu.idle"), Long.toString(cpu.idle().getAsLong()));
    }
    // The realtime budget must be in place before a SCHED_RR/FIFO process joins; the manager
    // applies resources before adding the process.
    if (cpu.realtimePeriod().isPresent()) {
      files.write(dir.resolve("cpu.rt_period_us"),
          Long.toUnsignedString(cpu.realtimePeriod().getAsLong()));
    }
    if (cpu.realtimeRuntime().isPresent()) {
      files.write(dir.resolve("cpu.rt_runtime_us"),
          Long.toString(cpu.realtimeRuntime().getAsLong()));
    }
  }

  private boolean writeBeforeQuota(Path dir, String file, OptionalLong value, boolean quota)
      throws CgroupException {
    if (value.isEmpty()) {
      return false;
    }
    try {
      files.write(dir.resolve(file), Long.toUnsignedString(value.getAsLong()));
      return false;
    } catch (CgroupException e) {
      if (!e.is(Errno.EINVAL) || !quota) {
        throw e;
      }
      return true;
    }
  }

  /** The kernel clamps shares to [2, 262144] silently; reading back catches that, as runc does. */
  private void writeShares(Path dir, long shares) throws CgroupException {
    Path file = dir.resolve("cpu.shares");
    files.write(file, Long.toUnsignedString(shares));
    long actual = files.readUint64(file);
    if (actual != shares) {
      String bound = Long.compareUnsigned(shares, actual) > 0 ? "maximum" : "minimum";
      throw new CgroupException("write \"" + Long.toUnsignedString(shares) + "\" to " + file
          + ": the kernel set " + actual + " instead (the " + bound + " allowed cpu shares)");
    }
  }
}
