package io.jcrun.cgroups.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupManagerContract;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.FreezerState;
import io.jcrun.linux.Errno;
import io.jcrun.linux.SyscallCall;
import io.jcrun.linux.SyscallCall.BpfProgAttach;
import io.jcrun.linux.SyscallCall.BpfProgLoad;
import io.jcrun.linux.SyscallCall.BpfProgQuery;
import io.jcrun.linux.SyscallCall.Openat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupV2ManagerTest extends CgroupManagerContract {
  static final String[] CONTROLLERS = {"cpuset", "cpu", "io", "memory", "hugetlb", "pids"};

  @Override
  protected void setUpHierarchy() {
    fs.v2Root(root, CONTROLLERS);
  }

  @Override
  protected CgroupManager manager() {
    return CgroupV2Manager.unified(root, CGROUP, io);
  }

  @Override
  protected Path file(String controller, String file) {
    return root.resolve("jcrun/abc").resolve(file);
  }

  @Override
  protected List<Path> directories() {
    return List.of(root.resolve("jcrun/abc"));
  }

  @Override
  protected void setOomKills(int kills) {
    fs.put(root.resolve("jcrun/abc"), "memory.events", "low 0\nhigh 0\nmax 5\noom 4\noom_kill "
        + kills + "\n");
  }

  @Override
  protected boolean usesCgroupKill() {
    return true;
  }

  @Test
  void createEnablesEveryAvailableControllerInEachAncestor() throws Exception {
    manager().create();
    assertEquals(List.of(
        "cgroup.subtree_control=+cpuset +cpu +io +memory +hugetlb +pids",
        "jcrun/cgroup.subtree_control=+cpuset +cpu +io +memory +hugetlb +pids"), fs.writeLog());
    assertTrue(Files.exists(root.resolve("jcrun/abc/memory.max")));
  }

  @Test
  void createInstallsTheDefaultDeviceFilter() throws Exception {
    manager().create();
    Path dir = root.resolve("jcrun/abc");
    List<SyscallCall> calls = syscalls.calls();
    assertEquals(new Openat(-100, dir.toString(), 0200000, 0), calls.get(0));
    assertEquals(new BpfProgQuery(100, 6), calls.get(1));
    BpfProgLoad load = (BpfProgLoad) calls.get(2);
    assertEquals(15, load.progType());
    assertEquals("GPL", load.license());
    assertEquals(new BpfProgAttach(101, 100, 6, 2), calls.get(3));
  }

  @Test
  void replacingTheDeviceFilterDetachesTheOldProgramsAfterAttachingTheNewOne() throws Exception {
    CgroupV2Manager m = CgroupV2Manager.unified(root, CGROUP, io);
    m.create();
    syscalls.clear();
    syscalls.attachedPrograms.put(102, new int[] {7, 8});
    m.apply(CgroupResources.builder().devices(List.of()).build());
    List<SyscallCall> bpf = syscalls.calls().stream()
        .filter(c -> c.getClass().getSimpleName().startsWith("Bpf")).toList();
    assertEquals(List.of(
        new BpfProgQuery(102, 6),
        bpf.get(1),
        new BpfProgAttach(103, 102, 6, 2),
        new SyscallCall.BpfProgGetFdById(7),
        new SyscallCall.BpfProgDetach(104, 102, 6),
        new SyscallCall.BpfProgGetFdById(8),
        new SyscallCall.BpfProgDetach(105, 102, 6)), bpf);
  }

  @Test
  void anOldProgramGuardedByAnLsmIsLeftAttached() throws Exception {
    CgroupV2Manager m = CgroupV2Manager.unified(root, CGROUP, io);
    m.create();
    syscalls.attachedPrograms.put(102, new int[] {7});
    syscalls.failWhen(c -> c instanceof SyscallCall.BpfProgGetFdById, Errno.EPERM);
    m.apply(CgroupResources.builder().devices(List.of()).build());
    assertEquals(List.of(), syscalls.calls(SyscallCall.BpfProgDetach.class));
  }

  @Test
  void aFailedCreateLeavesNoDirectoryBehind() {
    syscalls.failWhen(c -> c instanceof BpfProgLoad, Errno.EPERM);
    CgroupException e = assertThrows(CgroupException.class, () -> manager().create());
    assertTrue(e.getMessage().startsWith("apply device rules to " + root.resolve("jcrun/abc")
        + ": BpfProgLoad[progType=15"), e.getMessage());
    assertTrue(e.is(Errno.EPERM));
    assertFalse(Files.exists(root.resolve("jcrun")));
  }

  @Test
  void createRefusesAFrozenCgroup() throws Exception {
    CgroupManager m = manager();
    m.create();
    m.freeze();
    CgroupException e = assertThrows(CgroupException.class, () -> manager().create());
    assertTrue(e.getMessage().startsWith("cgroup /jcrun/abc is frozen"), e.getMessage());
  }

  @Test
  void aControllerThatIsNotEnabledIsNamedInTheError() throws Exception {
    fs.v2Root(root, "memory", "pids");
    CgroupManager m = manager();
    m.create();
    CgroupException e = assertThrows(CgroupException.class,
        () -> m.apply(CgroupResources.builder().cpuShares(1024).build()));
    assertEquals("write \"39\" to " + root.resolve("jcrun/abc/cpu.weight")
        + ": No such file or directory (cgroup v2 controller \"cpu\" is not enabled in "
        + root.resolve("jcrun/cgroup.subtree_control") + ")", e.getMessage());
  }

  @Test
  void pathsHoldOnlyTheUnifiedDirectory() {
    assertEquals(new CgroupPaths(Map.of(), root.resolve("jcrun/abc").toString()),
        manager().paths());
  }

  @Test
  void refusesTheRootCgroupAndPathsOutsideTheMount() {
    assertThrows(IllegalArgumentException.class, () -> CgroupV2Manager.unified(root, "/", io));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CgroupV2Manager.unified(root, "/../etc", io));
    assertEquals("cgroup \"/../etc\" is not a cgroup below the root of " + root, e.getMessage());
  }

  @Test
  void aFreezeThatNeverCompletesIsUndone() throws Exception {
    CgroupManager m = manager();
    m.create();
    Path dir = root.resolve("jcrun/abc");
    fs.neverFreeze();
    CgroupException e = assertThrows(CgroupException.class, m::freeze);
    assertEquals("freeze " + dir + ": cgroup.events does not say frozen 1 after 10s",
        e.getMessage());
    assertEquals("0\n", fs.content(dir.resolve("cgroup.freeze")));
    assertEquals(V2Freezer.POLLS, sleeps.size());
  }

  @Test
  void theFreezerIsMissingOnOldKernels() throws Exception {
    CgroupManager m = manager();
    m.create();
    Files.delete(root.resolve("jcrun/abc/cgroup.freeze"));
    assertEquals(FreezerState.UNDEFINED, m.freezerState());
    CgroupException e = assertThrows(CgroupException.class, m::freeze);
    assertTrue(e.getMessage().endsWith(
        "is missing (the cgroup v2 freezer needs Linux 5.2 or later)"), e.getMessage());
  }
}
