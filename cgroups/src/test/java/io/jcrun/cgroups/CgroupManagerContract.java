package io.jcrun.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.cgroups.driver.CgroupfsDriver;
import io.jcrun.linux.Errno;
import io.jcrun.linux.FakeSyscalls;
import io.jcrun.linux.Signal;
import io.jcrun.linux.SyscallCall;
import io.jcrun.linux.SyscallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link CgroupManager} on a cgroupfs does, written once and run against the v1, v2
 * and hybrid managers on a {@link FakeCgroupFs}. Subclasses set up the hierarchy and say where
 * files of a controller live.
 */
public abstract class CgroupManagerContract {
  protected static final String CGROUP = "/jcrun/abc";

  @TempDir protected Path root;
  protected FakeCgroupFs fs;
  protected FakeSyscalls syscalls;
  protected List<Duration> sleeps;
  protected CgroupIo io;

  /** Sets up the hierarchies under {@link #root} in {@link #fs}. */
  protected abstract void setUpHierarchy();

  /** The manager of {@link #CGROUP}. */
  protected abstract CgroupManager manager();

  /** Where {@code file} of {@code controller} is for {@link #CGROUP}. */
  protected abstract Path file(String controller, String file);

  /** Every directory the manager's cgroup consists of. */
  protected abstract List<Path> directories();

  @BeforeEach
  void setUpFakes() {
    fs = new FakeCgroupFs(root);
    syscalls = new FakeSyscalls() {
      @Override
      public void kill(int pid, Signal signal) throws SyscallException {
        super.kill(pid, signal);
        fs.exit(pid);
      }
    };
    sleeps = new ArrayList<>();
    io = new CgroupIo(syscalls, fs, sleeps::add);
    setUpHierarchy();
  }

  private CgroupManager created() throws CgroupException {
    CgroupManager m = manager();
    m.create();
    return m;
  }

  @Test
  void createMakesEveryDirectoryAndDestroyRemovesThem() throws Exception {
    CgroupManager m = created();
    assertTrue(m.exists());
    for (Path dir : directories()) {
      assertTrue(Files.isDirectory(dir), dir + " exists");
    }
    m.destroy();
    assertFalse(m.exists());
    for (Path dir : directories()) {
      assertFalse(Files.exists(dir), dir + " is gone");
      assertTrue(Files.isDirectory(dir.getParent()), "the parent " + dir.getParent() + " stays");
    }
  }

  @Test
  void createReusesAnExistingEmptyCgroup() throws Exception {
    created();
    CgroupManager again = manager();
    again.create();
    assertTrue(again.exists());
  }

  @Test
  void createRefusesACgroupThatHasProcesses() throws Exception {
    created();
    manager().addProcess(77);
    CgroupException e = assertThrows(CgroupException.class, () -> manager().create());
    assertTrue(e.getMessage().startsWith("cgroup /jcrun/abc is not empty: it has processes [77]"),
        e.getMessage());
  }

  @Test
  void addedProcessesAreListed() throws Exception {
    CgroupManager m = created();
    m.addProcess(41);
    m.addProcess(42);
    assertEquals(List.of(41, 42), m.pids());
    for (Path dir : directories()) {
      assertEquals("41\n42\n", fs.content(dir.resolve("cgroup.procs")));
    }
  }

  @Test
  void pidsIncludeSubCgroups() throws Exception {
    CgroupManager m = created();
    m.addProcess(41);
    Path sub = file("freezer", "sub");
    fs.mkdir(sub);
    fs.setProcesses(sub, 50, 51);
    assertEquals(List.of(41, 50, 51), m.pids());
  }

  @Test
  void addProcessRetriesATaskThatIsStillBeingCreated() throws Exception {
    CgroupManager m = created();
    fs.failWrite(p -> p.endsWith("cgroup.procs"), Errno.EINVAL, 2);
    m.addProcess(43);
    assertEquals(List.of(43), m.pids());
    assertEquals(List.of(Duration.ofMillis(30), Duration.ofMillis(30)), sleeps);
  }

  @Test
  void appliesAPidsLimitAndReadsItBackInStats() throws Exception {
    CgroupManager m = created();
    m.apply(CgroupResources.builder().pidsLimit(10).build());
    assertEquals("10", fs.content(file("pids", "pids.max")));
    fs.put(file("pids", "pids.current").getParent(), "pids.current", "3\n");
    assertEquals(new CgroupStats.Pids(3, 10), m.stats().pids());
  }

  @Test
  void anUpdateChangesOnlyWhatItSets() throws Exception {
    CgroupManager m = created();
    m.apply(CgroupResources.builder().pidsLimit(10).build());
    fs.clearWrites();
    m.apply(CgroupResources.builder().pidsLimit(-1).build());
    assertEquals("max", fs.content(file("pids", "pids.max")));
    assertEquals(1, fs.writes().size(), fs.writeLog().toString());
  }

  @Test
  void applyingNothingWritesNothing() throws Exception {
    CgroupManager m = created();
    fs.clearWrites();
    m.apply(CgroupResources.NONE);
    assertEquals(List.of(), fs.writeLog());
  }

  @Test
  void freezesAndThaws() throws Exception {
    CgroupManager m = created();
    assertEquals(FreezerState.THAWED, m.freezerState());
    m.freeze();
    assertEquals(FreezerState.FROZEN, m.freezerState());
    m.thaw();
    assertEquals(FreezerState.THAWED, m.freezerState());
  }

  @Test
  void killAllEmptiesTheCgroup() throws Exception {
    CgroupManager m = created();
    m.addProcess(61);
    m.addProcess(62);
    m.killAll();
    assertEquals(List.of(), m.pids());
  }

  @Test
  void destroyKillsWhatIsLeftFirst() throws Exception {
    CgroupManager m = created();
    m.addProcess(71);
    m.destroy();
    assertFalse(m.exists());
  }

  @Test
  void destroyRetriesWhileTheKernelSaysBusy() throws Exception {
    CgroupManager m = created();
    Path leaf = directories().getFirst();
    fs.failRmdir(leaf::equals, Errno.EBUSY, 3);
    m.destroy();
    assertFalse(m.exists());
    assertEquals(List.of(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4)),
        sleeps.subList(0, 3));
  }

  @Test
  void destroyGivesUpWhenTheCgroupStaysBusy() throws Exception {
    CgroupManager m = created();
    Path leaf = directories().getFirst();
    fs.failRmdir(leaf::equals, Errno.EBUSY, 100);
    CgroupException e = assertThrows(CgroupException.class, m::destroy);
    assertEquals("rmdir " + leaf + ": Device or resource busy", e.getMessage());
    assertTrue(e.is(Errno.EBUSY));
  }

  @Test
  void destroyRemovesSubCgroupsDeepestFirst() throws Exception {
    CgroupManager m = created();
    Path sub = file("freezer", "a");
    fs.mkdir(sub);
    fs.mkdir(sub.resolve("b"));
    m.destroy();
    assertFalse(m.exists());
  }

  @Test
  void destroySucceedsWhenTheCgroupIsAlreadyGone() throws Exception {
    CgroupManager m = manager();
    assertFalse(m.exists());
    m.destroy();
    assertEquals(0, fs.rmdirCalls());
  }

  @Test
  void oomKillsAreCounted() throws Exception {
    CgroupManager m = created();
    assertEquals(0, m.oomKillCount());
    setOomKills(3);
    assertEquals(3, m.oomKillCount());
  }

  /** Makes the memory controller's files report {@code kills} OOM kills. */
  protected abstract void setOomKills(int kills);

  @Test
  void reopensFromSavedPaths() throws Exception {
    CgroupManager m = created();
    m.addProcess(90);
    CgroupManager reopened = CgroupfsDriver.open(CgroupPaths.fromMap(m.paths().asMap()), root, io);
    assertEquals(m.paths(), reopened.paths());
    assertEquals(List.of(90), reopened.pids());
    reopened.destroy();
    assertFalse(m.exists());
  }

  @Test
  void killAllUsesNoSignalsWhenCgroupKillExists() throws Exception {
    CgroupManager m = created();
    m.addProcess(5);
    syscalls.clear();
    m.killAll();
    if (usesCgroupKill()) {
      assertEquals(List.of(), syscalls.calls(SyscallCall.Kill.class));
    } else {
      assertEquals(List.of(new SyscallCall.Kill(5, Signal.SIGKILL)),
          syscalls.calls(SyscallCall.Kill.class));
    }
  }

  /** Whether this layout has {@code cgroup.kill}. */
  protected abstract boolean usesCgroupKill();
}
