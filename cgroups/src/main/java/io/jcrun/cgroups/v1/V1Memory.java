package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.Memory;
import io.jcrun.linux.Errno;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code memory} on cgroup v1: {@code memory.limit_in_bytes}, {@code memory.memsw.limit_in_bytes}
 * (memory plus swap, exactly OCI's {@code swap}), the soft limit, {@code memory.oom_control} and
 * {@code memory.swappiness}. Kernel and kernel TCP memory are not set, as runc no longer does.
 */
final class V1Memory {
  static final String LIMIT = "memory.limit_in_bytes";
  static final String SWAP_LIMIT = "memory.memsw.limit_in_bytes";

  private final CgroupFiles files;

  V1Memory(CgroupFiles files) {
    this.files = files;
  }

  void apply(Path dir, Memory memory) throws CgroupException {
    OptionalLong limit = memory.limit();
    OptionalLong swap = memory.swap();
    // Unlimited memory without a swap value means unlimited swap too (runc), where the kernel
    // accounts swap at all.
    if (limit.isPresent() && limit.getAsLong() == -1 && swap.isEmpty()
        && files.exists(dir.resolve(SWAP_LIMIT))) {
      swap = OptionalLong.of(-1);
    }
    // The kernel refuses memsw below memory, so the order depends on where the limits move:
    // raising swap first is safe when it grows past the current memory limit.
    boolean swapFirst = false;
    if (limit.isPresent() && swap.isPresent()) {
      long current = files.readUint64(dir.resolve(LIMIT));
      swapFirst = swap.getAsLong() == -1 || Long.compareUnsigned(current, swap.getAsLong()) < 0;
    }
    if (swapFirst) {
      writeSwap(dir, swap);
      writeLimit(dir, limit);
    } else {
      writeLimit(dir, limit);
      writeSwap(dir, swap);
    }
    if (memory.reservation().isPresent()) {
      files.write(dir.resolve("memory.soft_limit_in_bytes"),
          Long.toString(memory.reservation().getAsLong()));
    }
    if (memory.disableOomKiller().isPresent()) {
      files.write(dir.resolve("memory.oom_control"), memory.disableOomKiller().get() ? "1" : "0");
    }
    if (memory.swappiness().isPresent()) {
      files.write(dir.resolve("memory.swappiness"), Long.toString(memory.swappiness().getAsLong()));
    }
  }

  private void writeLimit(Path dir, OptionalLong limit) throws CgroupException {
    if (limit.isEmpty()) {
      return;
    }
    try {
      files.write(dir.resolve(LIMIT), Long.toString(limit.getAsLong()));
    } catch (CgroupException e) {
      // EBUSY: the kernel could not reclaim down to the new limit.
      if (!e.is(Errno.EBUSY)) {
        throw e;
      }
      throw new CgroupException(e.getMessage() + " (usage "
          + files.readUint64(dir.resolve("memory.usage_in_bytes")) + ", peak "
          + files.readUint64(dir.resolve("memory.max_usage_in_bytes")) + ")", Errno.EBUSY, e);
    }
  }

  private void writeSwap(Path dir, OptionalLong swap) throws CgroupException {
    if (swap.isPresent()) {
      files.write(dir.resolve(SWAP_LIMIT), Long.toString(swap.getAsLong()));
    }
  }
}
