package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.BlockIo;
import io.jcrun.cgroups.CgroupResources.ThrottleDevice;
import io.jcrun.cgroups.CgroupResources.WeightDevice;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code blockIO} on cgroup v1. Weights go to {@code blkio.weight}, or to {@code
 * blkio.bfq.weight} on kernels that dropped CFQ (5.0+) and have BFQ, as runc picks them;
 * throttles go to {@code blkio.throttle.*_device}.
 */
final class V1Blkio {
  private final CgroupFiles files;

  V1Blkio(CgroupFiles files) {
    this.files = files;
  }

  void apply(Path dir, BlockIo io) throws CgroupException {
    boolean bfq = files.exists(dir.resolve("blkio.bfq.weight"));
    String weight = bfq ? "blkio.bfq.weight" : "blkio.weight";
    String weightDevice = bfq ? "blkio.bfq.weight_device" : "blkio.weight_device";
    if (io.weight().isPresent()) {
      files.write(dir.resolve(weight), Integer.toString(io.weight().getAsInt()));
    }
    if (io.leafWeight().isPresent()) {
      files.write(dir.resolve("blkio.leaf_weight"), Integer.toString(io.leafWeight().getAsInt()));
    }
    for (WeightDevice d : io.weightDevices()) {
      if (d.weight().isPresent()) {
        files.write(dir.resolve(weightDevice),
            d.major() + ":" + d.minor() + " " + d.weight().getAsInt());
      }
      if (d.leafWeight().isPresent()) {
        files.write(dir.resolve("blkio.leaf_weight_device"),
            d.major() + ":" + d.minor() + " " + d.leafWeight().getAsInt());
      }
    }
    throttle(dir, "blkio.throttle.read_bps_device", io.throttleReadBps());
    throttle(dir, "blkio.throttle.write_bps_device", io.throttleWriteBps());
    throttle(dir, "blkio.throttle.read_iops_device", io.throttleReadIops());
    throttle(dir, "blkio.throttle.write_iops_device", io.throttleWriteIops());
  }

  private void throttle(Path dir, String file, List<ThrottleDevice> devices)
      throws CgroupException {
    for (ThrottleDevice d : devices) {
      files.write(dir.resolve(file),
          d.major() + ":" + d.minor() + " " + Long.toUnsignedString(d.rate()));
    }
  }
}
