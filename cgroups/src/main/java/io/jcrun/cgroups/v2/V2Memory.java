package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.Memory;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code memory} on cgroup v2: {@code memory.max}, {@code memory.low} for the reservation, and
 * {@code memory.swap.max}, which limits swap alone where OCI's {@code swap} is memory plus swap.
 * {@code swappiness} and {@code disableOOMKiller} have no cgroup v2 file and are ignored, as runc
 * does.
 */
final class V2Memory {
  private final V2Controllers controllers;
  private final CgroupFiles files;

  V2Memory(V2Controllers controllers, CgroupFiles files) {
    this.controllers = controllers;
    this.files = files;
  }

  void apply(Path dir, Memory memory) throws CgroupException {
    if (memory.limit().isEmpty() && memory.reservation().isEmpty() && memory.swap().isEmpty()) {
      return;
    }
    if (memory.checkBeforeUpdate()) {
      checkUsage(dir, memory);
    }
    OptionalLong swapMax = swapMax(memory.swap(), memory.limit(), dir);
    // Swap before memory, as runc: memory.max may then be lowered below memory+swap safely.
    if (swapMax.isPresent()) {
      controllers.write(dir, "memory", "memory.swap.max", max(swapMax.getAsLong()));
    }
    if (memory.limit().isPresent()) {
      controllers.write(dir, "memory", "memory.max", max(memory.limit().getAsLong()));
    }
    if (memory.reservation().isPresent()) {
      controllers.write(dir, "memory", "memory.low", max(memory.reservation().getAsLong()));
    }
  }

  /**
   * {@code memory.swap.max} for OCI's {@code swap} (memory plus swap) and {@code limit}, as runc's
   * {@code ConvertMemorySwapToCgroupV2Value}: {@code swap - limit}; unlimited stays unlimited, and
   * an unlimited memory without a swap value makes swap unlimited too.
   */
  static OptionalLong swapMax(OptionalLong swap, OptionalLong limit, Path dir)
      throws CgroupException {
    if (limit.isPresent() && limit.getAsLong() == -1 && swap.isEmpty()) {
      return OptionalLong.of(-1);
    }
    if (swap.isEmpty() || swap.getAsLong() == -1) {
      return swap;
    }
    if (limit.isPresent() && limit.getAsLong() == -1) {
      return swap;
    }
    if (limit.isEmpty()) {
      throw new CgroupException("set memory.swap.max in " + dir + ": memory.swap "
          + swap.getAsLong()
          + " needs memory.limit, since cgroup v2 limits swap apart from memory");
    }
    if (Long.compareUnsigned(swap.getAsLong(), limit.getAsLong()) < 0) {
      throw new CgroupException("set memory.swap.max in " + dir + ": memory.swap "
          + swap.getAsLong() + " is less than memory.limit " + limit.getAsLong());
    }
    return OptionalLong.of(swap.getAsLong() - limit.getAsLong());
  }

  private void checkUsage(Path dir, Memory memory) throws CgroupException {
    long usage;
    try {
      usage = files.readUint64(dir.resolve("memory.current"));
    } catch (CgroupException e) {
      // Best effort, as runc: a cgroup without the file cannot be checked.
      return;
    }
    for (OptionalLong limit : new OptionalLong[] {memory.swap(), memory.limit()}) {
      if (limit.isPresent() && limit.getAsLong() > 0
          && Long.compareUnsigned(limit.getAsLong(), usage) <= 0) {
        throw new CgroupException("update memory of " + dir + ": limit " + limit.getAsLong()
            + " is not above the current usage " + usage);
      }
    }
  }

  /** cgroup v2 writes "max" where v1 took -1. */
  static String max(long value) {
    return value == -1 ? "max" : Long.toUnsignedString(value);
  }
}
