package io.jcrun.cgroups.v1;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managers on this host's real cgroup v1 controllers (a v1 or hybrid host), as root, in a
 * fresh {@code /jcrun-test-<random>} cgroup that every test removes again. Nothing outside that
 * cgroup is touched. Skipped without root or without cgroup v1.
 */
class CgroupV1IT {
  static final Path ROOT = Path.of("/sys/fs/cgroup");
  static final Duration WAIT = Duration.ofSeconds(30);
  static LinuxSyscalls syscalls;
  static CgroupLayout layout;

  String name;
  CgroupManager cgroup;
  final List<GatedShell> shells = new ArrayList<>();

  @BeforeAll
  static void requireRootAndCgroupV1() {
    syscalls = LinuxSyscalls.load();
    assumeTrue(syscalls.geteuid() == 0, "needs root");
    try {
      layout = CgroupLayout.detect(ROOT, syscalls);
    } catch (CgroupException e) {
      assumeTrue(false, "no cgroup hierarchy: " + e.getMessage());
    }
    assumeTrue(layout.kind() != CgroupLayout.Kind.V2, "the host is cgroup v2 (see CgroupV2IT)");
  }

  @BeforeEach
  void newCgroup() {
    name = "/jcrun-test-" + Long.toHexString(new SecureRandom().nextLong() >>> 1);
    cgroup = new CgroupfsDriver(layout, CgroupIo.of(syscalls))
        .manager(CgroupPath.parse(name, "test"), ProcessCgroups.ROOT);
  }

  @AfterEach
  void removeEverything() throws Exception {
    shells.forEach(GatedShell::close);
    cgroup.destroy();
    for (String dir : cgroup.paths().asMap().values()) {
      assertFalse(Files.exists(Path.of(dir)), dir + " is left behind");
    }
  }

  /** A script running inside the cgroup from its first instruction. */
  GatedShell inCgroup(String script) throws Exception {
    GatedShell shell = GatedShell.start(script);
    shells.add(shell);
    cgroup.addProcess(shell.pid());
    shell.release();
    return shell;
  }

  String kernelFile(String controller, String file) throws Exception {
    String dir = cgroup.paths().controllers().get(controller);
    assumeTrue(dir != null, controller + " is not mounted");
    return Files.readString(Path.of(dir).resolve(file)).trim();
  }

  CgroupStats awaitStats(Predicate<CgroupStats> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    CgroupStats stats = cgroup.stats();
    while (!condition.test(stats) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      stats = cgroup.stats();
    }
    return stats;
  }

  boolean swapAccounting() {
    String dir = cgroup.paths().controllers().get("memory");
    return dir != null && Files.exists(Path.of(dir, "memory.memsw.limit_in_bytes"));
  }

  CgroupResources.Builder memory(long bytes) {
    CgroupResources.Builder b = CgroupResources.builder().memoryLimit(bytes);
    // No swap, so the limit is a hard one.
    return swapAccounting() ? b.memorySwap(bytes) : b;
  }

  @Test
  void limitsReachTheKernelAndUpdatesChangeThem() throws Exception {
    cgroup.create();
    cgroup.apply(memory(32 << 20).pidsLimit(10).cpuShares(512).cpuQuota(20000).cpuPeriod(100000)
        .build());
    assertEquals("33554432", kernelFile("memory", "memory.limit_in_bytes"));
    assertEquals("10", kernelFile("pids", "pids.max"));
    assertEquals("512", kernelFile("cpu", "cpu.shares"));
    assertEquals("20000", kernelFile("cpu", "cpu.cfs_quota_us"));
    assertEquals("100000", kernelFile("cpu", "cpu.cfs_period_us"));
    cgroup.apply(memory(64 << 20).pidsLimit(-1).cpuQuota(-1).build());
    assertEquals("67108864", kernelFile("memory", "memory.limit_in_bytes"));
    assertEquals("max", kernelFile("pids", "pids.max"));
    assertEquals("-1", kernelFile("cpu", "cpu.cfs_quota_us"));
    assertEquals("512", kernelFile("cpu", "cpu.shares"));
  }

  @Test
  void aProcessIsListedFrozenThawedCountedAndKilled() throws Exception {
    cgroup.create();
    GatedShell shell =
        inCgroup("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exec sleep 600");
    assertTrue(cgroup.pids().contains(shell.pid()), cgroup.pids().toString());
    CgroupStats stats = awaitStats(s -> s.cpu().usage().total() > 0
        && s.memory().usage().usage() > 0 && s.pids().current() > 0);
    assertTrue(stats.cpu().usage().total() > 0, stats.toString());
    assertTrue(stats.memory().usage().usage() > 0, stats.toString());
    assertTrue(stats.pids().current() >= 1, stats.toString());
    cgroup.freeze();
    assertEquals(FreezerState.FROZEN, cgroup.freezerState());
    assertEquals("FROZEN", kernelFile("freezer", "freezer.state"));
    cgroup.thaw();
    assertEquals(FreezerState.THAWED, cgroup.freezerState());
    cgroup.killAll();
    assertTrue(shell.exited(WAIT));
    assertEquals(128 + 9, shell.exitValue());
    assertEquals(List.of(), cgroup.pids());
  }

  @Test
  void aProcessOverTheMemoryLimitIsOomKilled() throws Exception {
    cgroup.create();
    cgroup.apply(memory(32 << 20).build());
    long before = cgroup.oomKillCount();
    GatedShell shell = inCgroup("x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived");
    String out = shell.output(WAIT);
    assertFalse(out.contains("survived"), out);
    assertTrue(cgroup.oomKillCount() > before, "oom_kill " + cgroup.oomKillCount());
    // The peak reached the limit (recent kernels no longer count failcnt for v1).
    assertEquals(32 << 20, cgroup.stats().memory().usage().max());
  }

  @Test
  void noMoreProcessesThanThePidsLimit() throws Exception {
    cgroup.create();
    cgroup.apply(CgroupResources.builder().pidsLimit(10).build());
    GatedShell shell = inCgroup("for i in $(seq 20); do sleep 60 & done; echo all-started");
    String out = shell.output(WAIT);
    assertFalse(out.contains("all-started"), out);
    assertTrue(out.contains("fork"), out);
    CgroupStats stats = cgroup.stats();
    assertEquals(10, stats.pids().limit());
    assertTrue(cgroup.pids().size() <= 10, cgroup.pids().toString());
    assertTrue(stats.pids().current() <= 10, stats.pids().toString());
  }

  @Test
  void denyingAllDevicesStillAllowsTheDefaultOnes(@TempDir Path tmp) throws Exception {
    Path kmsg = tmp.resolve("kmsg");
    syscalls.mknodat(Fd.CWD, kmsg.toString(), OpenFlags.S_IFCHR | 0600, 1, 11);
    cgroup.create();
    assumeTrue(cgroup.paths().controllers().containsKey("devices"), "no devices controller");
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
  }

  @Test
  void killAllWithoutCgroupKillFreezesSoNoForkEscapes() throws Exception {
    Map<String, String> cgroups = new LinkedHashMap<>();
    layout.v1Controllers().forEach(c -> cgroups.put(c, name));
    CgroupManager v1 = new CgroupV1Manager(ROOT, cgroups, CgroupIo.of(syscalls));
    cgroup.create();
    v1.apply(CgroupResources.builder().pidsLimit(64).build());
    GatedShell shell = GatedShell.start("while :; do sleep 5 & done");
    shells.add(shell);
    v1.addProcess(shell.pid());
    shell.release();
    awaitStats(s -> s.pids().current() > 20);
    v1.killAll();
    assertEquals(List.of(), v1.pids());
    assertTrue(shell.exited(WAIT));
  }
}
