package io.jcrun.cgroups.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupResources.ThrottleDevice;
import io.jcrun.cgroups.CgroupResources.WeightDevice;
import io.jcrun.cgroups.FakeCgroupFs;
import io.jcrun.linux.Errno;
import io.jcrun.linux.FakeSyscalls;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each resource mapped onto the cgroup v2 files, on a fake cgroupfs. */
class V2ResourcesTest {
  @TempDir Path root;
  FakeCgroupFs fs;
  CgroupV2Manager manager;
  Path dir;

  @BeforeEach
  void createCgroup() throws CgroupException {
    fs = new FakeCgroupFs(root).v2Root(root, "cpuset", "cpu", "io", "memory", "hugetlb", "pids");
    manager = CgroupV2Manager.unified(root, "/jcrun/abc", new CgroupIo(new FakeSyscalls(), fs,
        d -> {}));
    manager.create();
    dir = root.resolve("jcrun/abc");
    fs.clearWrites();
  }

  private List<String> apply(CgroupResources.Builder b) throws CgroupException {
    manager.apply(b.build());
    return fs.writeLog();
  }

  @Test
  void memoryWritesSwapFirstThenLimitThenReservation() throws Exception {
    assertEquals(List.of(
        "jcrun/abc/memory.swap.max=209715200",
        "jcrun/abc/memory.max=104857600",
        "jcrun/abc/memory.low=52428800"),
        apply(CgroupResources.builder().memoryLimit(100 << 20).memorySwap(300 << 20)
            .memoryReservation(50 << 20)));
  }

  @Test
  void unlimitedMemoryMakesSwapUnlimitedToo() throws Exception {
    assertEquals(List.of("jcrun/abc/memory.swap.max=max", "jcrun/abc/memory.max=max"),
        apply(CgroupResources.builder().memoryLimit(-1)));
  }

  @Test
  void swapEqualToTheLimitDisablesSwap() throws Exception {
    assertEquals(List.of("jcrun/abc/memory.swap.max=0", "jcrun/abc/memory.max=1048576"),
        apply(CgroupResources.builder().memoryLimit(1 << 20).memorySwap(1 << 20)));
  }

  @Test
  void swapWithoutAMemoryLimitIsRefused() {
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().memorySwap(1 << 20)));
    assertEquals("set memory.swap.max in " + dir + ": memory.swap 1048576 needs memory.limit,"
        + " since cgroup v2 limits swap apart from memory", e.getMessage());
  }

  @ParameterizedTest(name = "swap {0} with limit {1} is swap.max {2}")
  @CsvSource(nullValues = "none", value = {
      "none, 100, none",
      "-1, 100, -1",
      "300, -1, 300",
      "none, -1, -1",
      "300, 100, 200",
      "100, 100, 0"})
  void swapMaxIsMemoryPlusSwapMinusMemory(Long swap, Long limit, Long expected)
      throws CgroupException {
    assertEquals(optional(expected), V2Memory.swapMax(optional(swap), optional(limit), dir));
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  @Test
  void swappinessAndTheOomKillerSwitchHaveNoCgroupV2File() throws Exception {
    assertEquals(List.of(),
        apply(CgroupResources.builder().memorySwappiness(10).disableOomKiller(true)));
  }

  @Test
  void checkBeforeUpdateRefusesALimitBelowTheUsage() {
    fs.put(dir, "memory.current", "4096\n");
    CgroupException e = assertThrows(CgroupException.class, () -> apply(
        CgroupResources.builder().memoryLimit(4096).memoryCheckBeforeUpdate(true)));
    assertEquals("update memory of " + dir + ": limit 4096 is not above the current usage 4096",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} shares are cpu.weight {1}")
  @CsvSource({"2, 1", "512, 20", "1024, 39", "2048, 79", "262144, 10000"})
  void sharesBecomeWeights(long shares, long weight) throws Exception {
    assertEquals(weight, V2Cpu.weight(shares));
    assertEquals(List.of("jcrun/abc/cpu.weight=" + weight),
        apply(CgroupResources.builder().cpuShares(shares)));
  }

  @Test
  void quotaAndPeriodGoToCpuMax() throws Exception {
    assertEquals(List.of("jcrun/abc/cpu.max=20000 100000"),
        apply(CgroupResources.builder().cpuQuota(20000).cpuPeriod(100000)));
  }

  @Test
  void aQuotaAloneKeepsTheCurrentPeriod() throws Exception {
    fs.put(dir, "cpu.max", "max 50000\n");
    assertEquals(List.of("jcrun/abc/cpu.max=25000 50000"),
        apply(CgroupResources.builder().cpuQuota(25000)));
  }

  @Test
  void aPeriodAloneKeepsTheCurrentQuota() throws Exception {
    fs.put(dir, "cpu.max", "30000 100000\n");
    assertEquals(List.of("jcrun/abc/cpu.max=30000 60000"),
        apply(CgroupResources.builder().cpuPeriod(60000)));
  }

  @Test
  void anUnlimitedQuotaIsMax() throws Exception {
    assertEquals(List.of("jcrun/abc/cpu.max=max 100000"),
        apply(CgroupResources.builder().cpuQuota(-1)));
  }

  @Test
  void aBurstRefusedBeforeTheNewQuotaIsWrittenAgainAfterIt() throws Exception {
    fs.failWrite(p -> p.endsWith("cpu.max.burst"), Errno.EINVAL, 1);
    assertEquals(List.of("jcrun/abc/cpu.max.burst=50000", "jcrun/abc/cpu.max=100000 100000",
        "jcrun/abc/cpu.max.burst=50000"),
        apply(CgroupResources.builder().cpuBurst(50000).cpuQuota(100000)));
  }

  @Test
  void idleAndCpuset() throws Exception {
    assertEquals(List.of("jcrun/abc/cpu.idle=1", "jcrun/abc/cpuset.cpus=0-1",
        "jcrun/abc/cpuset.mems=0"),
        apply(CgroupResources.builder().cpuIdle(1).cpus("0-1").mems("0")));
  }

  @Test
  void realtimeSchedulingIsRefused() {
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().cpuRealtimeRuntime(950000)));
    assertEquals("apply cpu.realtimeRuntime/realtimePeriod to " + dir + ": cgroup v2 has no"
        + " realtime group scheduling (cpu.rt_runtime_us is cgroup v1 only)", e.getMessage());
  }

  @ParameterizedTest(name = "pids limit {0} is pids.max {1}")
  @CsvSource({"10, 10", "1, 1", "0, 1", "-1, max"})
  void pidsLimits(long limit, String pidsMax) throws Exception {
    assertEquals(List.of("jcrun/abc/pids.max=" + pidsMax),
        apply(CgroupResources.builder().pidsLimit(limit)));
  }

  @ParameterizedTest(name = "blkio weight {0} is io.weight {1}")
  @CsvSource({"10, 1", "100, 910", "500, 4950", "1000, 10000"})
  void blkioWeightsBecomeIoWeights(int blkio, long io) throws Exception {
    assertEquals(io, V2Io.weight(blkio));
    assertEquals(List.of("jcrun/abc/io.weight=" + io),
        apply(CgroupResources.builder().blkioWeight(blkio)));
  }

  @Test
  void bfqTakesTheBlkioWeightAsItIs() throws Exception {
    fs.put(dir, "io.bfq.weight", "default 100\n");
    assertEquals(List.of("jcrun/abc/io.bfq.weight=500", "jcrun/abc/io.bfq.weight=8:0 300"),
        apply(CgroupResources.builder().blkioWeight(500).weightDevice(
            new WeightDevice(8, 0, OptionalInt.of(300), OptionalInt.empty()))));
  }

  @Test
  void deviceWeightsAndThrottles() throws Exception {
    assertEquals(List.of(
        "jcrun/abc/io.weight=8:0 2930",
        "jcrun/abc/io.max=8:0 rbps=1048576",
        "jcrun/abc/io.max=8:0 wbps=max",
        "jcrun/abc/io.max=8:16 riops=100",
        "jcrun/abc/io.max=8:16 wiops=200"),
        apply(CgroupResources.builder()
            .weightDevice(new WeightDevice(8, 0, OptionalInt.of(300), OptionalInt.of(500)))
            .throttleReadBps(new ThrottleDevice(8, 0, 1 << 20))
            .throttleWriteBps(new ThrottleDevice(8, 0, 0))
            .throttleReadIops(new ThrottleDevice(8, 16, 100))
            .throttleWriteIops(new ThrottleDevice(8, 16, 200))));
  }

  @Test
  void hugepageLimitsAlsoLimitReservations() throws Exception {
    assertEquals(List.of("jcrun/abc/hugetlb.2MB.max=4194304",
        "jcrun/abc/hugetlb.2MB.rsvd.max=4194304"),
        apply(CgroupResources.builder().hugepageLimit("2MB", 4 << 20)));
  }

  @Test
  void theUnifiedMapIsWrittenVerbatimLineByLineAfterEverythingElse() throws Exception {
    assertEquals(List.of("jcrun/abc/pids.max=5", "jcrun/abc/memory.max=1000000",
        "jcrun/abc/io.max=8:0 rbps=1", "jcrun/abc/io.max=8:16 wbps=2",
        "jcrun/abc/memory.max=2000000"),
        apply(CgroupResources.builder().pidsLimit(5).memoryLimit(1000000)
            .unified("memory.max", "2000000").unified("io.max", "8:0 rbps=1\n8:16 wbps=2")));
  }

  @Test
  void aUnifiedFileOfAMissingControllerSaysSo() throws Exception {
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().unified("rdma.max", "mlx4_0 hca_handle=2")));
    assertEquals("write \"mlx4_0 hca_handle=2\" to " + dir.resolve("rdma.max")
        + ": No such file or directory (cgroup v2 controller \"rdma\" is not enabled in "
        + root.resolve("jcrun/cgroup.subtree_control") + ")", e.getMessage());
  }

  @Test
  void aUnifiedKeyWithASlashIsRefused() {
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().unified("../memory.max", "1")));
    assertEquals("write unified resource \"../memory.max\" to " + dir
        + ": not a cgroup v2 file name of the form <controller>.<file>", e.getMessage());
  }

  @Test
  void networkClassesAreRefused() {
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().networkClassId(0x100001)));
    assertEquals("apply network.classID/priorities to " + dir
        + ": net_cls and net_prio are cgroup v1 controllers with no cgroup v2 equivalent",
        e.getMessage());
  }

  @Test
  void everythingInRuncsOrder() throws Exception {
    assertEquals(List.of("jcrun/abc/pids.max=100", "jcrun/abc/memory.max=1048576",
        "jcrun/abc/io.weight=910", "jcrun/abc/cpu.weight=39", "jcrun/abc/cpuset.cpus=0",
        "jcrun/abc/hugetlb.1GB.max=0", "jcrun/abc/hugetlb.1GB.rsvd.max=0"),
        apply(CgroupResources.builder().hugepageLimit("1GB", 0).cpus("0").cpuShares(1024)
            .blkioWeight(100).memoryLimit(1 << 20).pidsLimit(100)));
  }
}
