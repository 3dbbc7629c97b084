package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.HugepageLimit;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hugepageLimits} on cgroup v1: {@code hugetlb.<size>.limit_in_bytes}, and the
 * reservation limit {@code hugetlb.<size>.rsvd.limit_in_bytes} where the kernel has it (runc).
 */
final class V1Hugetlb {
  private final CgroupFiles files;

  V1Hugetlb(CgroupFiles files) {
    this.files = files;
  }

  void apply(Path dir, List<HugepageLimit> limits) throws CgroupException {
    for (HugepageLimit l : limits) {
      String value = Long.toUnsignedString(l.limit());
      files.write(dir.resolve("hugetlb." + l.pageSize() + ".limit_in_bytes"), value);
      Path rsvd = dir.resolve("hugetlb." + l.pageSize() + ".rsvd.limit_in_bytes");
      if (files.exists(rsvd)) {
        files.write(rsvd, value);
      }
    }
  }
}
