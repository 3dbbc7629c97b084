package io.jcrun.cgroups.v1;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each resource mapped onto the cgroup v1 controller files, on a fake cgroupfs. */
class V1ResourcesTest {
  @TempDir Path root;
  FakeCgroupFs fs;
  CgroupV1Manager manager;

  @BeforeEach
  void createCgroup() throws CgroupException {
    fs = new FakeCgroupFs(root);
    for (String c : CgroupV1Manager.CONTROLLERS) {
      fs.v1Root(root, c);
    }
    manager = new CgroupV1Manager(root,
        CgroupV1ManagerTest.everywhere(CgroupV1Manager.CONTROLLERS, "/c"),
        new CgroupIo(new FakeSyscalls(), fs, d -> {}));
    manager.create();
    fs.clearWrites();
  }

  private List<String> apply(CgroupResources.Builder b) throws CgroupException {
    manager.apply(b.build());
    return fs.writeLog();
  }

  @Test
  void memoryGoesDownBeforeSwapWhenSwapIsBelowTheCurrentLimit() throws Exception {
    assertEquals(List.of("memory/c/memory.limit_in_bytes=33554432",
        "memory/c/memory.memsw.limit_in_bytes=67108864"),
        apply(CgroupResources.builder().memoryLimit(32 << 20).memorySwap(64 << 20)));
  }

  @Test
  void swapGoesUpFirstWhenItExceedsTheCurrentLimit() throws Exception {
    fs.put(root.resolve("memory/c"), "memory.limit_in_bytes", "33554432\n");
    assertEquals(List.of("memory/c/memory.memsw.limit_in_bytes=134217728",
        "memory/c/memory.limit_in_bytes=67108864"),
        apply(CgroupResources.builder().memoryLimit(64 << 20).memorySwap(128 << 20)));
  }

  @Test
  void unlimitedMemoryMakesSwapUnlimitedToo() throws Exception {
    assertEquals(List.of("memory/c/memory.memsw.limit_in_bytes=-1",
        "memory/c/memory.limit_in_bytes=-1"), apply(CgroupResources.builder().memoryLimit(-1)));
  }

  @Test
  void withoutSwapAccountingOnlyTheLimitIsWritten() throws Exception {
    Files.delete(root.resolve("memory/c/memory.memsw.limit_in_bytes"));
    assertEquals(List.of("memory/c/memory.limit_in_bytes=-1"),
        apply(CgroupResources.builder().memoryLimit(-1)));
  }

  @Test
  void reservationOomKillerAndSwappiness() throws Exception {
    assertEquals(List.of("memory/c/memory.soft_limit_in_bytes=16777216",
        "memory/c/memory.oom_control=1", "memory/c/memory.swappiness=0"),
        apply(CgroupResources.builder().memoryReservation(16 << 20).disableOomKiller(true)
            .memorySwappiness(0)));
  }

  @Test
  void aLimitBelowTheUsageSaysWhatTheUsageIs() {
    fs.failWrite(p -> p.endsWith("memory.limit_in_bytes"), Errno.EBUSY, 1);
    fs.put(root.resolve("memory/c"), "memory.usage_in_bytes", "5000000\n");
    fs.put(root.resolve("memory/c"), "memory.max_usage_in_bytes", "6000000\n");
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().memoryLimit(4096)));
    assertEquals("write \"4096\" to " + root.resolve("memory/c/memory.limit_in_bytes")
        + ": Device or resource busy (usage 5000000, peak 6000000)", e.getMessage());
  }

  @Test
  void cpuSharesQuotaPeriodBurstIdleAndRealtime() throws Exception {
    assertEquals(List.of("cpu/c/cpu.shares=512", "cpu/c/cpu.cfs_period_us=50000",
        "cpu/c/cpu.cfs_burst_us=1000", "cpu/c/cpu.cfs_quota_us=10000", "cpu/c/cpu.idle=0",
        "cpu/c/cpu.rt_period_us=1000000", "cpu/c/cpu.rt_runtime_us=950000"),
        apply(CgroupResources.builder().cpuShares(512).cpuQuota(10000).cpuPeriod(50000)
            .cpuBurst(1000).cpuIdle(0).cpuRealtimePeriod(1000000).cpuRealtimeRuntime(950000)));
  }

  @Test
  void aPeriodRefusedBeforeTheNewQuotaIsWrittenAgainAfterIt() throws Exception {
    fs.failWrite(p -> p.endsWith("cpu.cfs_period_us"), Errno.EINVAL, 1);
    assertEquals(List.of("cpu/c/cpu.cfs_period_us=10000", "cpu/c/cpu.cfs_quota_us=5000",
        "cpu/c/cpu.cfs_period_us=10000"),
        apply(CgroupResources.builder().cpuQuota(5000).cpuPeriod(10000)));
  }

  @Test
  void aPeriodRefusedWithoutANewQuotaIsAnError() {
    fs.failWrite(p -> p.endsWith("cpu.cfs_period_us"), Errno.EINVAL, 1);
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().cpuPeriod(10000)));
    assertEquals("write \"10000\" to " + root.resolve("cpu/c/cpu.cfs_period_us")
        + ": Invalid argument", e.getMessage());
  }

  @Test
  void sharesTheKernelClampsAreReported() {
    fs.transform("cpu.shares", v -> Long.parseLong(v) > 262144 ? "262144" : v);
    CgroupException e = assertThrows(CgroupException.class,
        () -> apply(CgroupResources.builder().cpuShares(300000)));
    assertEquals("write \"300000\" to " + root.resolve("cpu/c/cpu.shares")
        + ": the kernel set 262144 instead (the maximum allowed cpu shares)", e.getMessage());
  }

  @Test
  void cpusetPids() throws Exception {
    assertEquals(List.of("cpuset/c/cpuset.cpus=1-2", "cpuset/c/cpuset.mems=0",
        "pids/c/pids.max=32"),
        apply(CgroupResources.builder().cpus("1-2").mems("0").pidsLimit(32)));
  }

  @ParameterizedTest(name = "pids limit {0} is pids.max {1}")
  @CsvSource({"10, 10", "0, 1", "-1, max"})
  void pidsLimits(long limit, String pidsMax) throws Exception {
    assertEquals(List.of("pids/c/pids.max=" + pidsMax),
        apply(CgroupResources.builder().pidsLimit(limit)));
  }

  @Test
  void blkioUsesBfqFilesWhereCfqIsGone() throws Exception {
    assertEquals(List.of("blkio/c/blkio.bfq.weight=300", "blkio/c/blkio.bfq.weight_device=8:0 500",
        "blkio/c/blkio.throttle.read_bps_device=8:0 1048576",
        "blkio/c/blkio.throttle.write_bps_device=8:0 0",
        "blkio/c/blkio.throttle.read_iops_device=8:0 10",
        "blkio/c/blkio.throttle.write_iops_device=8:0 20"),
        apply(CgroupResources.builder().blkioWeight(300)
            .weightDevice(new WeightDevice(8, 0, OptionalInt.of(500), OptionalInt.empty()))
            .throttleReadBps(new ThrottleDevice(8, 0, 1 << 20))
            .throttleWriteBps(new ThrottleDevice(8, 0, 0))
            .throttleReadIops(new ThrottleDevice(8, 0, 10))
            .throttleWriteIops(new ThrottleDevice(8, 0, 20))));
  }

  @Test
  void blkioUsesCfqFilesWhereTheyExist() throws Exception {
    Path dir = root.resolve("blkio/c");
    Files.delete(dir.resolve("blkio.bfq.weight"));
    fs.put(dir, "blkio.weight", "500\n");
    fs.put(dir, "blkio.weight_device", "");
    fs.put(dir, "blkio.leaf_weight", "500\n");
    fs.put(dir, "blkio.leaf_weight_device", "");
    assertEquals(List.of("blkio/c/blkio.weight=300", "blkio/c/blkio.leaf_weight=200",
        "blkio/c/blkio.weight_device=8:0 500", "blkio/c/blkio.leaf_weight_device=8:0 100"),
        apply(CgroupResources.builder().blkioWeight(300).blkioLeafWeight(200)
            .weightDevice(new WeightDevice(8, 0, OptionalInt.of(500), OptionalInt.of(100)))));
  }

  @Test
  void hugetlbAndNetwork() throws Exception {
    assertEquals(List.of("hugetlb/c/hugetlb.2MB.limit_in_bytes=2097152",
        "net_cls/c/net_cls.classid=1048577", "net_prio/c/net_prio.ifpriomap=eth0 5",
        "net_prio/c/net_prio.ifpriomap=lo 1"),
        apply(CgroupResources.builder().hugepageLimit("2MB", 2 << 20).networkClassId(0x100001)
            .networkPriority("eth0", 5).networkPriority("lo", 1)));
  }

  @Test
  void everythingInRuncsOrder() throws Exception {
    assertEquals(List.of("cpuset/c/cpuset.cpus=0", "memory/c/memory.limit_in_bytes=1048576",
        "cpu/c/cpu.shares=1024", "pids/c/pids.max=9", "blkio/c/blkio.bfq.weight=100",
        "hugetlb/c/hugetlb.1GB.limit_in_bytes=0"),
        apply(CgroupResources.builder().hugepageLimit("1GB", 0).blkioWeight(100).pidsLimit(9)
            .cpuShares(1024).memoryLimit(1 << 20).cpus("0")));
  }
}
