package io.jcrun.cgroups.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcrun.cgroups.CgroupStats;
import io.jcrun.cgroups.CgroupStats.BlkioEntry;
import io.jcrun.cgroups.CgroupStats.MemoryEntry;
import io.jcrun.cgroups.FakeCgroupFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing cgroup v2 files as a 6.1 kernel writes them into runc's stats shape. */
class V2StatsReaderTest {
  @TempDir Path dir;
  FakeCgroupFs fs;

  @BeforeEach
  void writeFixtures() {
    fs = new FakeCgroupFs(dir);
    fs.put(dir, "cpu.stat", """
        usage_usec 1483542
        user_usec 1012375
        system_usec 471167
        core_sched.force_idle_usec 0
        nr_periods 120
        nr_throttled 37
        throttled_usec 2841907
        nr_bursts 0
        burst_usec 0
        """);
    fs.put(dir, "memory.stat", """
        anon 2719744
        file 1179648
        kernel 610304
        kernel_stack 65536
        pagetables 159744
        sec_pagetables 0
        percpu 0
        sock 0
        vmalloc 0
        shmem 0
        file_mapped 782336
        file_dirty 0
        file_writeback 0
        swapcached 0
        anon_thp 0
        inactive_anon 2707456
        active_anon 12288
        inactive_file 1052672
        active_file 126976
        unevictable 0
        slab_reclaimable 129632
        slab_unreclaimable 212480
        pgfault 2231
        pgmajfault 11
        workingset_refault_anon 0
        """);
    fs.put(dir, "memory.current", "4509696\n");
    fs.put(dir, "memory.max", "33554432\n");
    fs.put(dir, "memory.peak", "33550336\n");
    fs.put(dir, "memory.events", "low 0\nhigh 0\nmax 712\noom 2\noom_kill 2\noom_group_kill 0\n");
    fs.put(dir, "memory.swap.current", "1048576\n");
    fs.put(dir, "memory.swap.max", "max\n");
    fs.put(dir, "pids.current", "4\n");
    fs.put(dir, "pids.max", "10\n");
    fs.put(dir, "io.stat", """
        254:0 rbytes=1302528 wbytes=4096 rios=84 wios=1 dbytes=0 dios=0
        7:0 rbytes=20480 wbytes=0 rios=5 wios=0 dbytes=0 dios=0
        """);
    fs.put(dir, "hugetlb.2MB.current", "4194304\n");
    fs.put(dir, "hugetlb.2MB.events", "max 3\n");
    fs.put(dir, "hugetlb.2MB.rsvd.current", "0\n");
    fs.put(dir, "hugetlb.1GB.current", "0\n");
    fs.put(dir, "hugetlb.1GB.events", "max 0\n");
  }

  @Test
  void readsEveryController() throws Exception {
    CgroupStats s = new V2StatsReader(fs).read(dir);
    assertEquals(new CgroupStats.Cpu(
        new CgroupStats.CpuUsage(1_483_542_000L, List.of(), 471_167_000L, 1_012_375_000L),
        new CgroupStats.Throttling(120, 37, 2_841_907_000L)), s.cpu());
    assertEquals(1179648, s.memory().cache());
    assertEquals(new MemoryEntry(33554432, 4509696, 33550336, 712), s.memory().usage());
    assertEquals(new MemoryEntry(-1, 5558272, 0, 0), s.memory().swap());
    assertEquals(25, s.memory().raw().size());
    assertEquals(2719744L, s.memory().raw().get("anon"));
    assertEquals(new CgroupStats.Pids(4, 10), s.pids());
    assertEquals(List.of(new BlkioEntry(254, 0, "Read", 1302528),
        new BlkioEntry(254, 0, "Write", 4096), new BlkioEntry(7, 0, "Read", 20480),
        new BlkioEntry(7, 0, "Write", 0)), s.blkio().ioServiceBytesRecursive());
    assertEquals(List.of(new BlkioEntry(254, 0, "Read", 84), new BlkioEntry(254, 0, "Write", 1),
        new BlkioEntry(7, 0, "Read", 5), new BlkioEntry(7, 0, "Write", 0)),
        s.blkio().ioServicedRecursive());
    assertEquals(Map.of("2MB", new CgroupStats.Hugetlb(4194304, 0, 3),
        "1GB", new CgroupStats.Hugetlb(0, 0, 0)), s.hugetlb());
  }

  @Test
  void aLimitedSwapIsReportedAsMemoryPlusSwap() throws Exception {
    fs.put(dir, "memory.swap.max", "16777216\n");
    assertEquals(new MemoryEntry(33554432 + 16777216, 5558272, 0, 0),
        new V2StatsReader(fs).read(dir).memory().swap());
  }

  @Test
  void anUnlimitedPidsMaxIsReportedAsZero() throws Exception {
    fs.put(dir, "pids.max", "max\n");
    assertEquals(new CgroupStats.Pids(4, 0), new V2StatsReader(fs).read(dir).pids());
  }

  @Test
  void controllersThatAreNotEnabledReadAsZero() throws Exception {
    for (String f : List.of("memory.stat", "pids.current", "pids.max", "io.stat")) {
      Files.delete(dir.resolve(f));
    }
    CgroupStats s = new V2StatsReader(fs).read(dir);
    assertEquals(CgroupStats.Memory.EMPTY, s.memory());
    assertEquals(CgroupStats.Pids.EMPTY, s.pids());
    assertEquals(CgroupStats.Blkio.EMPTY, s.blkio());
  }
}
