package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.config.ResourcesConverter;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.spec.LinuxResources;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Change the resource limits of a created, running or paused container.",
        "Either --resources FILE (- for stdin, a linux.resources JSON object) or the flags."})
final class UpdateCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = {"-r", "--resources"}, paramLabel = "FILE|-",
      description = "A LinuxResources JSON file, or - for stdin.")
  String resources;

  @Option(names = "--memory", paramLabel = "BYTES", description = "Memory limit (units: k, m, g).")
  String memory;

  @Option(names = "--memory-reservation", paramLabel = "BYTES")
  String memoryReservation;

  @Option(names = "--memory-swap", paramLabel = "BYTES", description = "Memory plus swap limit.")
  String memorySwap;

  @Option(names = "--kernel-memory", paramLabel = "BYTES", hidden = true)
  String kernelMemory;

  @Option(names = "--kernel-memory-tcp", paramLabel = "BYTES", hidden = true)
  String kernelMemoryTcp;

  @Option(names = "--cpu-shares", paramLabel = "N")
  Long cpuShares;

  @Option(names = "--cpu-quota", paramLabel = "US")
  Long cpuQuota;

  @Option(names = "--cpu-period", paramLabel = "US")
  Long cpuPeriod;

  @Option(names = "--cpu-burst", paramLabel = "US")
  Long cpuBurst;

  @Option(names = "--cpu-rt-period", paramLabel = "US")
  Long cpuRtPeriod;

  @Option(names = "--cpu-rt-runtime", paramLabel = "US")
  Long cpuRtRuntime;

  @Option(names = "--cpu-idle", paramLabel = "0|1")
  Long cpuIdle;

  @Option(names = "--cpuset-cpus", paramLabel = "LIST")
  String cpusetCpus;

  @Option(names = "--cpuset-mems", paramLabel = "LIST")
  String cpusetMems;

  @Option(names = "--pids-limit", paramLabel = "N")
  Long pidsLimit;

  @Option(names = "--blkio-weight", paramLabel = "N")
  Integer blkioWeight;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JcrunException {
    LinuxResources r = resources != null ? fromFile() : fromFlags();
    jcrun.context.containers(jcrun.global).update(ContainerId.of(id),
        ResourcesConverter.convert(r, resources != null ? "resources" : "update flags"));
    return 0;
  }

  private LinuxResources fromFile() throws JcrunException {
    Request request = jcrun.context.request();
    try {
      return resources.equals("-") ? SpecMapper.read(request.in(), LinuxResources.class)
          : SpecMapper.read(request.resolve(resources), LinuxResources.class);
    } catch (SpecException e) {
      throw new JcrunException("--resources " + resources + ": " + e.getMessage(), e);
    }
  }

  private LinuxResources fromFlags() {
    LinuxResources.Memory mem = memory == null && memoryReservation == null && memorySwap == null
        ? null : new LinuxResources.Memory(bytes(memory, "--memory"),
            bytes(memoryReservation, "--memory-reservation"), bytes(memorySwap, "--memory-swap"),
            null, null, null, null, null, null);
    boolean anyCpu = cpuShares != null || cpuQuota != null || cpuPeriod != null || cpuBurst != null
        || cpuRtPeriod != null || cpuRtRuntime != null || cpusetCpus != null || cpusetMems != null
        || cpuIdle != null;
    LinuxResources.Cpu cpu = anyCpu ? new LinuxResources.Cpu(cpuShares, cpuQuota, cpuBurst,
        cpuPeriod, cpuRtRuntime, cpuRtPeriod, cpusetCpus, cpusetMems, cpuIdle) : null;
    LinuxResources.Pids pids = pidsLimit == null ? null : new LinuxResources.Pids(pidsLimit);
    LinuxResources.BlockIo io = blkioWeight == null ? null
        : new LinuxResources.BlockIo(blkioWeight, null, null, null, null, null, null);
    return new LinuxResources(null, mem, cpu, pids, io, null, null, null, null);
  }

  /** runc's RAMInBytes: a number with an optional k, m, g, t suffix (powers of 1024); -1 is unlimited. */
  static Long bytes(String value, String flag) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("-1")) {
      return -1L;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?").matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(flag + ": \"" + value + "\" is not a size (as 512m or 1g)");
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      case "p" -> 50;
      default -> 0;
    };
    return (long) (Double.parseDouble(m.group(1)) * (1L << shift));
  }
}
