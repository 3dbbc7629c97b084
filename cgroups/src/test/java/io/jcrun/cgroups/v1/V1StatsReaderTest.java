package io.jcrun.cgroups.v1;

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

/** Parsing cgroup v1 controller files as a 6.x kernel writes them into runc's stats shape. */
class V1StatsReaderTest {
  @TempDir Path root;
  FakeCgroupFs fs;
  Map<String, Path> dirs;

  @BeforeEach
  void writeFixtures() throws Exception {
    fs = new FakeCgroupFs(root);
    dirs = Map.of("cpu", dir("cpu"), "cpuacct", dir("cpuacct"), "memory", dir("memory"),
        "pids", dir("pids"), "blkio", dir("blkio"), "hugetlb", dir("hugetlb"));
    fs.put(dirs.get("cpuacct"), "cpuacct.usage", "2004631188\n");
    fs.put(dirs.get("cpuacct"), "cpuacct.usage_percpu", "1203406112 801225076 \n");
    fs.put(dirs.get("cpuacct"), "cpuacct.stat", "user 135\nsystem 42\n");
    fs.put(dirs.get("cpu"), "cpu.stat", """
        nr_periods 512
        nr_throttled 301
        throttled_time 24689104412
        nr_bursts 0
        burst_time 0
        """);
    Path memory = dirs.get("memory");
    fs.put(memory, "memory.stat", """
        cache 47067136
        rss 5980160
        rss_huge 0
        shmem 9084928
        mapped_file 7503872
        dirty 36864
        writeback 0
        swap 0
        pgpgin 43188
        pgpgout 30275
        pgfault 59973
        pgmajfault 0
        inactive_anon 0
        active_anon 1531904
        inactive_file 15319040
        active_file 22663168
        unevictable 13533184
        hierarchical_memory_limit 33554432
        hierarchical_memsw_limit 9223372036854771712
        total_cache 47067136
        total_rss 5980160
        """);
    fs.put(memory, "memory.limit_in_bytes", "33554432\n");
    fs.put(memory, "memory.usage_in_bytes", "53047296\n");
    fs.put(memory, "memory.max_usage_in_bytes", "54525952\n");
    fs.put(memory, "memory.failcnt", "1289\n");
    fs.put(memory, "memory.memsw.limit_in_bytes", "9223372036854771712\n");
    fs.put(memory, "memory.memsw.usage_in_bytes", "53047296\n");
    fs.put(memory, "memory.memsw.max_usage_in_bytes", "54525952\n");
    fs.put(memory, "memory.memsw.failcnt", "0\n");
    fs.put(memory, "memory.kmem.limit_in_bytes", "9223372036854771712\n");
    fs.put(memory, "memory.kmem.usage_in_bytes", "1990656\n");
    fs.put(memory, "memory.kmem.max_usage_in_bytes", "2105344\n");
    fs.put(memory, "memory.kmem.failcnt", "0\n");
    fs.put(dirs.get("pids"), "pids.current", "7\n");
    fs.put(dirs.get("pids"), "pids.max", "max\n");
    fs.put(dirs.get("blkio"), "blkio.throttle.io_service_bytes_recursive", """
        254:0 Read 1302528
        254:0 Write 4096
        254:0 Sync 1306624
        254:0 Async 0
        254:0 Discard 0
        254:0 Total 1306624
        Total 1306624
        """);
    fs.put(dirs.get("blkio"), "blkio.throttle.io_serviced_recursive", """
        254:0 Read 84
        254:0 Write 1
        254:0 Sync 85
        254:0 Async 0
        254:0 Discard 0
        254:0 Total 85
        Total 85
        """);
    fs.put(dirs.get("blkio"), "blkio.bfq.io_service_bytes_recursive", "Total 0\n");
    fs.put(dirs.get("hugetlb"), "hugetlb.2MB.usage_in_bytes", "2097152\n");
    fs.put(dirs.get("hugetlb"), "hugetlb.2MB.max_usage_in_bytes", "4194304\n");
    fs.put(dirs.get("hugetlb"), "hugetlb.2MB.failcnt", "1\n");
    fs.put(dirs.get("hugetlb"), "hugetlb.2MB.limit_in_bytes", "4194304\n");
  }

  private Path dir(String controller) throws Exception {
    return Files.createDirectories(root.resolve(controller).resolve("c"));
  }

  @Test
  void readsEveryController() throws Exception {
    CgroupStats s = new V1StatsReader(fs).read(dirs);
    assertEquals(new CgroupStats.Cpu(
        new CgroupStats.CpuUsage(2004631188L, List.of(1203406112L, 801225076L), 420_000_000L,
            1_350_000_000L),
        new CgroupStats.Throttling(512, 301, 24689104412L)), s.cpu());
    assertEquals(47067136, s.memory().cache());
    assertEquals(new MemoryEntry(33554432, 53047296, 54525952, 1289), s.memory().usage());
    assertEquals(new MemoryEntry(9223372036854771712L, 53047296, 54525952, 0), s.memory().swap());
    assertEquals(new MemoryEntry(9223372036854771712L, 1990656, 2105344, 0), s.memory().kernel());
    assertEquals(MemoryEntry.EMPTY, s.memory().kernelTCP());
    assertEquals(21, s.memory().raw().size());
    assertEquals(new CgroupStats.Pids(7, 0), s.pids());
    assertEquals(List.of(new BlkioEntry(254, 0, "Read", 1302528),
        new BlkioEntry(254, 0, "Write", 4096), new BlkioEntry(254, 0, "Sync", 1306624),
        new BlkioEntry(254, 0, "Async", 0), new BlkioEntry(254, 0, "Discard", 0),
        new BlkioEntry(254, 0, "Total", 1306624)), s.blkio().ioServiceBytesRecursive());
    assertEquals(6, s.blkio().ioServicedRecursive().size());
    assertEquals(Map.of("2MB", new CgroupStats.Hugetlb(2097152, 4194304, 1)), s.hugetlb());
  }

  @Test
  void controllersThatAreNotMountedReadAsZero() throws Exception {
    CgroupStats s = new V1StatsReader(fs).read(Map.of("memory", dirs.get("memory")));
    assertEquals(CgroupStats.Cpu.EMPTY, s.cpu());
    assertEquals(CgroupStats.Pids.EMPTY, s.pids());
    assertEquals(Map.of(), s.hugetlb());
  }
}
