package io.jcrun.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CgroupResourcesTest {

  @Test
  void absentValuesAreNotZero() {
    CgroupResources zero = CgroupResources.builder().pidsLimit(0).cpuIdle(0).build();
    assertEquals(EnumSet.of(ResourceGroup.PIDS, ResourceGroup.CPU), zero.requested());
    assertTrue(CgroupResources.NONE.requested().isEmpty());
    assertEquals(Optional.empty(), CgroupResources.NONE.devices());
    assertEquals(Optional.of(List.of()), CgroupResources.builder().devices(List.of()).build()
        .devices());
  }

  @Test
  void onlyKeepsTheGroupsAsked() {
    CgroupResources all = CgroupResources.builder().memoryLimit(1).cpuShares(2).cpus("0")
        .pidsLimit(3).blkioWeight(10).hugepageLimit("2MB", 4).devices(List.of())
        .networkClassId(5).networkPriority("lo", 6).unified("memory.high", "7").build();
    assertEquals(EnumSet.allOf(ResourceGroup.class), all.requested());
    CgroupResources some = all.only(Set.of(ResourceGroup.CPUSET, ResourceGroup.HUGETLB,
        ResourceGroup.UNIFIED));
    assertEquals(EnumSet.of(ResourceGroup.CPUSET, ResourceGroup.HUGETLB, ResourceGroup.UNIFIED),
        some.requested());
    assertEquals(Optional.of("0"), some.cpu().cpus());
    assertEquals(Map.of("memory.high", "7"), some.unified());
    assertEquals(CgroupResources.NONE, all.only(Set.of()));
  }
}
