package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.Cpu;
import io.jcrun.linux.Errno;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code cpu} on cgroup v2: {@code cpu.weight} from shares, {@code cpu.max} from quota and
 * period, {@code cpu.max.burst} and {@code cpu.idle}. cgroup v2 has no realtime group scheduling,
 * so a realtime budget is refused.
 */
final class V2Cpu {
  /** The kernel's default CFS period, documented in cgroup-v2.rst. */
  static final long DEFAULT_PERIOD = 100_000;

  private final V2Controllers controllers;
  private final CgroupFiles files;

  V2Cpu(V2Controllers controllers, CgroupFiles files) {
    this.controllers = controllers;
    this.files = files;
  }

  void apply(Path dir, Cpu cpu) throws CgroupException {
    if (cpu.realtimeRuntime().isPresent() || cpu.realtimePeriod().isPresent()) {
      throw new CgroupException("apply cpu.realtimeRuntime/realtimePeriod to " + dir
          + ": cgroup v2 has no realtime group scheduling (cpu.rt_runtime_us is cgroup v1 only)");
    }
    if (cpu.idle().isPresent()) {
      controllers.write(dir, "cpu", "cpu.idle", Long.toString(cpu.idle().getAsLong()));
    }
    if (cpu.shares().isPresent()) {
      controllers.write(dir, "cpu", "cpu.weight", Long.toString(weight(cpu.shares().getAsLong())));
    }
    boolean bandwidth = cpu.quota().isPresent() || cpu.period().isPresent();
    boolean burstPending = false;
    if (cpu.burst().isPresent()) {
      try {
        controllers.write(dir, "cpu", "cpu.max.burst", burst(cpu));
      } catch (CgroupException e) {
        // A burst above the current quota is refused (EINVAL); runc retries after the quota.
        if (!e.is(Errno.EINVAL) || !bandwidth) {
          throw e;
        }
        burstPending = true;
      }
    }
    if (bandwidth) {
      controllers.write(dir, "cpu", "cpu.max", cpuMax(dir, cpu));
    }
    if (burstPending) {
      controllers.write(dir, "cpu", "cpu.max.burst", burst(cpu));
    }
  }

  private static String burst(Cpu cpu) {
    return Long.toUnsignedString(cpu.burst().getAsLong());
  }

  /**
   * The new {@code cpu.max}: the quota ({@code max} when negative) and the period; the one not
   * given keeps its current value, as an update that changes only one of them must.
   */
  private String cpuMax(Path dir, Cpu cpu) throws CgroupException {
    String[] current = files.readIfExists(dir.resolve("cpu.max")).orElse("max " + DEFAULT_PERIOD)
        .trim().split("\\s+");
    String quota = cpu.quota().isPresent()
        ? (cpu.quota().getAsLong() > 0 ? Long.toString(cpu.quota().getAsLong()) : "max")
        : current[0];
    String period = cpu.period().isPresent()
        ? Long.toUnsignedString(cpu.period().getAsLong())
        : Optional.of(current).filter(c -> c.length > 1).map(c -> c[1])
            .orElse(Long.toString(DEFAULT_PERIOD));
    return quota + " " + period;
  }

  /**
   * runc's {@code ConvertCPUSharesToCgroupV2Value}: shares [2, 262144] mapped linearly onto
   * {@code cpu.weight} [1, 10000], so the default 1024 shares become weight 39.
   */
  static long weight(long shares) {
    return 1 + ((shares - 2) * 9999) / 262142;
  }
}
