package io.jcrun.cgroups.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupPath;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupStats;
import io.jcrun.cgroups.DeviceRule;
import io.jcrun.cgroups.FreezerState;
import io.jcrun.cgroups.GatedShell;
import io.jcrun.cgroups.ProcessCgroups;
import io.jcrun.cgroups.driver.CgroupLayout;
import io.jcrun.cgroups.driver.CgroupfsDriver;
import io.jcrun.linux.Fd;
import io.jcrun.linux.LinuxSyscalls;
import io.jcrun.linux.OpenFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup v2 manager on a real cgroup v2 hierarchy, as root, in a fresh {@code
 * /jcrun-test-<random>} cgroup that every test removes again: limits in the kernel files, the OOM
 * killer, pids, CPU throttling, the freezer, {@code cgroup.kill} and the eBPF device filter. Runs
 * in the KVM guest of {@code ../shared/tools/vm-run.sh} ({@link CgroupV2GuestIT} in the build,
 * {@code src/test/vm/run-v2-tests.sh} by hand); skipped where {@code /sys/fs/cgroup} is not
 * cgroup2 or without root.
 */
class CgroupV2IT {
  static final Path ROOT = Path.of("/sys/fs/cgroup");
  /** Generous: the guest runs under software emulation. */
  static final Duration WAIT = Duration.ofMinutes(2);
  static LinuxSyscalls syscalls;
  static CgroupfsDriver driver;

  CgroupManager cgroup;
  Path dir;
  final List<GatedShell> shells = new ArrayList<>();

  @BeforeAll
  static void requireRootAndCgroupV2() {
    syscalls = LinuxSyscalls.load();
    assumeTrue(syscalls.geteuid() == 0, "needs root");
    CgroupLayout layout = null;
    try {
      layout = CgroupLayout.detect(ROOT, syscalls);
    } catch (CgroupException e) {
      assumeTrue(false, "no cgroup hierarchy: " + e.getMessage());
    }
    assumeTrue(layout.kind() == CgroupLayout.Kind.V2,
        "/sys/fs/cgroup is not a cgroup2 mount here; run src/test/vm/run-v2-tests.sh");
    driver = new CgroupfsDriver(layout, CgroupIo.of(syscalls));
  }

  @BeforeEach
  void newCgroup() {
    String name = "/jcrun-test-" + Long.toHexString(new SecureRandom().nextLong() >>> 1);
    cgroup = driver.manager(CgroupPath.parse(name, "test"), ProcessCgroups.ROOT);
    dir = cgroup.paths().unifiedDirectory().orElseThrow();
  }

  @AfterEach
  void removeEverything() throws Exception {
    shells.forEach(GatedShell::close);
    cgroup.destroy();
    assertFalse(Files.exists(dir), dir + " is left behind");
  }

  GatedShell inCgroup(String script) throws Exception {
    GatedShell shell = GatedShell.start(script);
    shells.add(shell);
    cgroup.addProcess(shell.pid());
    shell.release();
    return shell;
  }

  String kernelFile(String file) throws Exception {
    return Files.readString(dir.resolve(file)).trim();
  }

  CgroupStats awaitStats(Predicate<CgroupStats> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    CgroupStats stats = cgroup.stats();
    while (!condition.test(stats) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      stats = cgroup.stats();
    }
    return stats;
  }

  @Test
  void limitsReachTheKernelAndUpdatesChangeThem() throws Exception {
    cgroup.create();
    cgroup.apply(CgroupResources.builder().memoryLimit(32 << 20).memorySwap(32 << 20)
        .pidsLimit(10).cpuShares(512).cpuQuota(20000).cpuPeriod(100000).build());
    assertEquals("33554432", kernelFile("memory.max"));
    assertEquals("0", kernelFile("memory.swap.max"));
    assertEquals("10", kernelFile("pids.max"));
    assertEquals("20", kernelFile("cpu.weight"));
    assertEquals("20000 100000", kernelFile("cpu.max"));
    cgroup.apply(CgroupResources.builder().pidsLimit(-1).cpuQuota(-1).build());
    assertEquals("max", kernelFile("pids.max"));
    assertEquals("max 100000", kernelFile("cpu.max"));
    assertEquals("33554432", kernelFile("memory.max"));
  }

  @Test
  void ioWeightWhereTheKernelHasIt() throws Exception {
    cgroup.create();
    assumeTrue(Files.exists(dir.resolve("io.weight")) || Files.exists(dir.resolve("io.bfq.weight")),
        "neither io.weight nor io.bfq.weight exists");
    cgroup.apply(CgroupResources.builder().blkioWeight(500).build());
    if (Files.exists(dir.resolve("io.bfq.weight"))) {
      assertEquals("default 500", kernelFile("io.bfq.weight"));
    } else {
      assertEquals("default 4950", kernelFile("io.weight"));
    }
  }

  @Test
  void aProcessIsListedFrozenThawedCountedAndKilledWithCgroupKill() throws Exception {
    cgroup.create();
    GatedShell shell = inCgroup("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exec sleep 600");
    assertTrue(cgroup.pids().contains(shell.pid()), cgroup.pids().toString());
    CgroupStats stats = awaitStats(s -> s.cpu().usage().total() > 0
        && s.memory().usage().usage() > 0 && s.pids().current() > 0);
    assertTrue(stats.cpu().usage().total() > 0, stats.toString());
    assertTrue(stats.memory().usage().usage() > 0, stats.toString());
    assertTrue(stats.pids().current() >= 1, stats.toString());
    cgroup.freeze();
    assertEquals(FreezerState.FROZEN, cgroup.freezerState());
    assertTrue(kernelFile("cgroup.events").contains("frozen 1"));
    cgroup.thaw();
    assertEquals(FreezerState.THAWED, cgroup.freezerState());
    assertTrue(Files.exists(dir.resolve("cgroup.kill")));
    cgroup.killAll();
    assertTrue(shell.exited(WAIT));
    assertEquals(128 + 9, shell.exitValue());
    assertEquals(List.of(), cgroup.pids());
  }

  @Test
  void aProcessOverTheMemoryLimitIsOomKilled() throws Exception {
    cgroup.create();
    cgroup.apply(CgroupResources.builder().memoryLimit(32 << 20).memorySwap(32 << 20).build());
    GatedShell shell = inCgroup("x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived");
    String out = shell.output(WAIT);
    assertFalse(out.contains("survived"), out);
    assertTrue(cgroup.oomKillCount() >= 1, "oom_kill " + cgroup.oomKillCount());
    assertTrue(cgroup.stats().memory().usage().failcnt() > 0);
  }

  @Test
  void noMoreProcessesThanThePidsLimit() throws Exception {
    cgroup.create();
    cgroup.apply(CgroupResources.builder().pidsLimit(10).build());
    String out = inCgroup("for i in $(seq 20); do sleep 600 & done; echo all-started").output(WAIT);
    assertFalse(out.contains("all-started"), out);
    assertTrue(out.contains("fork"), out);
    assertTrue(cgroup.pids().size() <= 10, cgroup.pids().toString());
    assertEquals(10, cgroup.stats().pids().limit());
  }

  @Test
  void aCpuQuotaThrottles() throws Exception {
    cgroup.create();
    cgroup.apply(CgroupResources.builder().cpuQuota(20000).cpuPeriod(100000).build());
    inCgroup("timeout 3 sh -c 'while :; do :; done'; echo done").output(WAIT);
    CgroupStats.Throttling t = cgroup.stats().cpu().throttling();
    assertTrue(t.periods() > 0 && t.throttledPeriods() > 0 && t.throttledTime() > 0, t.toString());
  }

  @Test
  void theDeviceFilterDeniesWhatTheRulesDenyAndAnUpdateReplacesIt(@TempDir Path tmp)
      throws Exception {
    Path kmsg = tmp.resolve("kmsg");
    syscalls.mknodat(Fd.CWD, kmsg.toString(), OpenFlags.S_IFCHR | 0600, 1, 11);
    cgroup.create();
    cgroup.apply(CgroupResources.builder()
        .devices(List.of(DeviceRule.deny('a', -1, -1, "rwm"))).build());
    String probe = "(: < " + kmsg + ") 2>/dev/null && echo kmsg=open || echo kmsg=denied;"
        + " (: < /dev/null) && echo null=open; (: > /dev/zero) && echo zero=open;"
        + " (: < /dev/urandom) && echo urandom=open";
    String out = inCgroup(probe).output(WAIT);
    assertTrue(out.contains("kmsg=denied") && out.contains("null=open")
        && out.contains("zero=open") && out.contains("urandom=open"), out);
    cgroup.apply(CgroupResources.builder().devices(List.of(DeviceRule.deny('a', -1, -1, "rwm"),
        DeviceRule.allow('c', 1, 11, "r"))).build());
    assertTrue(inCgroup(probe).output(WAIT).contains("kmsg=open"));
    try (Fd fd = syscalls.openat(Fd.CWD, dir.toString(), OpenFlags.O_DIRECTORY, 0)) {
      assertEquals(1, syscalls.bpfProgQuery(fd, V2DeviceFilter.BPF_CGROUP_DEVICE).length,
          "the old filter is detached");
    }
  }
}
