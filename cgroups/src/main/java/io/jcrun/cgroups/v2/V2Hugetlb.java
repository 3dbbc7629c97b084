package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.HugepageLimit;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hugepageLimits} on cgroup v2: {@code hugetlb.<size>.max}, and the reservation limit
 * {@code hugetlb.<size>.rsvd.max} too where the kernel (5.7+) has it, as runc does, so that a
 * reservation cannot exceed the limit either.
 */
final class V2Hugetlb {
  private final V2Controllers controllers;
  private final CgroupFiles files;

  V2Hugetlb(V2Controllers controllers, CgroupFiles files) {
    this.controllers = controllers;
    this.files = files;
  }

  void apply(Path dir, List<HugepageLimit> limits) throws CgroupException {
    for (HugepageLimit l : limits) {
      String value = Long.toUnsignedString(l.limit());
      controllers.write(dir, "hugetlb", "hugetlb." + l.pageSize() + ".max", value);
      String rsvd = "hugetlb." + l.pageSize() + ".rsvd.max";
      if (files.exists(dir.resolve(rsvd))) {
        controllers.write(dir, "hugetlb", rsvd, value);
      }
    }
  }
}
