package io.jcrun.cgroups.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupManagerContract;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.DeviceRule;
import io.jcrun.cgroups.FreezerState;
import io.jcrun.linux.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupV1ManagerTest extends CgroupManagerContract {

  @Override
  protected void setUpHierarchy() {
    for (String c : CgroupV1Manager.CONTROLLERS) {
      fs.v1Root(root, c);
    }
  }

  static Map<String, String> everywhere(List<String> controllers, String cgroup) {
    Map<String, String> m = new LinkedHashMap<>();
    controllers.forEach(c -> m.put(c, cgroup));
    return m;
  }

  @Override
  protected CgroupManager manager() {
    return new CgroupV1Manager(root, everywhere(CgroupV1Manager.CONTROLLERS, CGROUP), io);
  }

  @Override
  protected Path file(String controller, String file) {
    return root.resolve(controller).resolve("jcrun/abc").resolve(file);
  }

  @Override
  protected List<Path> directories() {
    return CgroupV1Manager.CONTROLLERS.stream().map(c -> root.resolve(c).resolve("jcrun/abc"))
        .toList();
  }

  @Override
  protected void setOomKills(int kills) {
    fs.put(file("memory", "x").getParent(), "memory.oom_control",
        "oom_kill_disable 0\nunder_oom 1\noom_kill " + kills + "\n");
  }

  @Override
  protected boolean usesCgroupKill() {
    return false;
  }

  @Test
  void newCpusetCgroupsInheritCpusAndMemsFromTheirParents() throws Exception {
    manager().create();
    assertEquals("0-3", fs.content(root.resolve("cpuset/jcrun/cpuset.cpus")));
    assertEquals("0", fs.content(root.resolve("cpuset/jcrun/abc/cpuset.mems")));
  }

  @Test
  void createDeniesAllDevicesButTheAlwaysAllowedOnes() throws Exception {
    manager().create();
    List<String> devices = fs.writeLog().stream().filter(w -> w.startsWith("devices/")).toList();
    assertEquals(List.of(
        "devices/jcrun/abc/devices.deny=a",
        "devices/jcrun/abc/devices.allow=b *:* m",
        "devices/jcrun/abc/devices.allow=c *:* m",
        "devices/jcrun/abc/devices.allow=c 1:3 rwm",
        "devices/jcrun/abc/devices.allow=c 1:5 rwm",
        "devices/jcrun/abc/devices.allow=c 1:7 rwm",
        "devices/jcrun/abc/devices.allow=c 1:8 rwm",
        "devices/jcrun/abc/devices.allow=c 1:9 rwm",
        "devices/jcrun/abc/devices.allow=c 5:0 rwm",
        "devices/jcrun/abc/devices.allow=c 5:2 rwm",
        "devices/jcrun/abc/devices.allow=c 10:200 rwm",
        "devices/jcrun/abc/devices.allow=c 136:* rwm"), devices);
  }

  @Test
  void aDeviceUpdateWritesOnlyTheDifference() throws Exception {
    CgroupManager m = manager();
    m.create();
    fs.put(root.resolve("devices/jcrun/abc"), "devices.list", """
        c 1:3 rwm
        c 1:5 rwm
        c 1:7 rwm
        c 1:8 rwm
        c 1:9 rwm
        c 5:0 rwm
        c 5:2 rwm
        c 10:200 rwm
        c 136:* rwm
        b *:* m
        c *:* m
        c 4:1 rw
        """);
    fs.clearWrites();
    m.apply(CgroupResources.builder().devices(List.of(
        DeviceRule.deny('a', -1, -1, "rwm"),
        DeviceRule.allow('c', 254, 0, "r"))).build());
    assertEquals(List.of("devices/jcrun/abc/devices.deny=c 4:1 rw",
        "devices/jcrun/abc/devices.allow=c 254:0 r"), fs.writeLog());
  }

  @Test
  void aFailedCreateLeavesNoDirectoryBehind() {
    fs.failWrite(p -> p.endsWith("devices.deny"), Errno.EPERM, 1);
    CgroupException e = assertThrows(CgroupException.class, () -> manager().create());
    assertEquals("write \"a\" to " + root.resolve("devices/jcrun/abc/devices.deny")
        + ": Operation not permitted", e.getMessage());
    for (String c : CgroupV1Manager.CONTROLLERS) {
      assertFalse(Files.exists(root.resolve(c).resolve("jcrun")), c);
    }
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
  void aFreezeThatStaysFreezingIsRetriedThenUndone() throws Exception {
    CgroupManager m = manager();
    m.create();
    fs.neverFreeze();
    fs.clearWrites();
    CgroupException e = assertThrows(CgroupException.class, m::freeze);
    assertEquals("freeze " + root.resolve("freezer/jcrun/abc") + ": still FREEZING after 1000"
        + " attempts (processes keep forking); thawed it again", e.getMessage());
    List<String> log = fs.writeLog();
    assertEquals(1000 + 20 + 1, log.size());
    assertEquals("freezer/jcrun/abc/freezer.state=THAWED", log.getLast());
    assertEquals(FreezerState.THAWED, m.freezerState());
  }

  @Test
  void withoutAFreezerPausingIsRefusedButKillingStillWorks() throws Exception {
    Map<String, String> cgroups = everywhere(List.of("memory", "pids", "cpu"), CGROUP);
    CgroupManager m = new CgroupV1Manager(root, cgroups, io);
    m.create();
    m.addProcess(8);
    assertEquals(FreezerState.UNDEFINED, m.freezerState());
    CgroupException e = assertThrows(CgroupException.class, m::freeze);
    assertEquals("freeze cgroup /jcrun/abc: the freezer controller is not mounted at "
        + root.resolve("freezer"), e.getMessage());
    m.killAll();
    assertEquals(List.of(), m.pids());
  }

  @Test
  void resourcesOfAControllerThatIsNotMountedAreRefused() throws Exception {
    CgroupManager m = new CgroupV1Manager(root, everywhere(List.of("memory", "cpu"), CGROUP), io);
    m.create();
    CgroupException e = assertThrows(CgroupException.class,
        () -> m.apply(CgroupResources.builder().pidsLimit(5).build()));
    assertEquals("apply pids resources to cgroup /jcrun/abc: the pids controller is not mounted"
        + " at " + root.resolve("pids"), e.getMessage());
  }

  @Test
  void unifiedResourcesAreRefusedOnAPureV1Host() throws Exception {
    CgroupManager m = manager();
    m.create();
    CgroupException e = assertThrows(CgroupException.class,
        () -> m.apply(CgroupResources.builder().unified("memory.high", "1G").build()));
    assertEquals("apply unified resources [memory.high] to cgroup /jcrun/abc: they are cgroup v2"
        + " files, and " + root + " is a cgroup v1 hierarchy", e.getMessage());
  }

  @Test
  void relativeCgroupsCanDifferPerController() {
    CgroupV1Manager m = new CgroupV1Manager(root,
        Map.of("memory", "/process_api/x/c1", "cpu", "/c1"), io);
    assertEquals(Map.of("memory", root.resolve("memory/process_api/x/c1"),
        "cpu", root.resolve("cpu/c1")), m.directories());
  }
}
