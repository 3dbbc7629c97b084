package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.BlockIo;
import io.jcrun.cgroups.CgroupResources.ThrottleDevice;
import io.jcrun.cgroups.CgroupResources.WeightDevice;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code blockIO} on cgroup v2. A weight goes to {@code io.bfq.weight} unchanged where the BFQ
 * scheduler provides it (its range is blkio's), else to {@code io.weight} converted; throttles go
 * to {@code io.max}. The leaf weight has no cgroup v2 equivalent and is ignored, as runc does.
 */
final class V2Io {
  private final V2Controllers controllers;
  private final CgroupFiles files;

  V2Io(V2Controllers controllers, CgroupFiles files) {
    this.controllers = controllers;
    this.files = files;
  }

  void apply(Path dir, BlockIo io) throws CgroupException {
    boolean bfq = files.exists(dir.resolve("io.bfq.weight"));
    if (io.weight().isPresent()) {
      int w = io.weight().getAsInt();
      writeWeight(dir, bfq, bfq ? Integer.toString(w) : Long.toString(weight(w)));
    }
    for (WeightDevice d : io.weightDevices()) {
      if (d.weight().isPresent()) {
        int w = d.weight().getAsInt();
        writeWeight(dir, bfq, d.major() + ":" + d.minor() + " " + (bfq ? w : weight(w)));
      }
    }
    throttle(dir, io.throttleReadBps(), "rbps");
    throttle(dir, io.throttleWriteBps(), "wbps");
    throttle(dir, io.throttleReadIops(), "riops");
    throttle(dir, io.throttleWriteIops(), "wiops");
  }

  private void writeWeight(Path dir, boolean bfq, String value) throws CgroupException {
    controllers.write(dir, "io", bfq ? "io.bfq.weight" : "io.weight", value);
  }

  private void throttle(Path dir, List<ThrottleDevice> devices, String key)
      throws CgroupException {
    for (ThrottleDevice d : devices) {
      // blkio v1 removes a throttle with 0; io.max refuses 0 (ERANGE) and takes "max".
      String rate = d.rate() == 0 ? "max" : Long.toUnsignedString(d.rate());
      controllers.write(dir, "io", "io.max", d.major() + ":" + d.minor() + " " + key + "=" + rate);
    }
  }

  /** runc's {@code ConvertBlkIOToIOWeightValue}: blkio [10, 1000] linearly onto [1, 10000]. */
  static long weight(int blkioWeight) {
    return 1 + (blkioWeight - 10L) * 9999 / 990;
  }
}
