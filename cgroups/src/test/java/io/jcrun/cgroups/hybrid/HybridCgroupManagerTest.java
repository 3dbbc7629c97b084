package io.jcrun.cgroups.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupManagerContract;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupStats;
import io.jcrun.cgroups.v1.CgroupV1Manager;
import io.jcrun.cgroups.v2.CgroupV2Manager;
import io.jcrun.linux.SyscallCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout of the development machines: v1 controllers plus a cgroup2 mount with hugetlb. */
class HybridCgroupManagerTest extends CgroupManagerContract {
  static final List<String> V1 = List.of("cpuset", "devices", "memory", "cpu", "cpuacct", "pids",
      "blkio", "freezer");

  @Override
  protected void setUpHierarchy() {
    V1.forEach(c -> fs.v1Root(root, c));
    fs.v2Root(root.resolve("unified"), "hugetlb");
  }

  @Override
  protected CgroupManager manager() {
    Map<String, String> cgroups = new LinkedHashMap<>();
    V1.forEach(c -> cgroups.put(c, CGROUP));
    return new HybridCgroupManager(new CgroupV1Manager(root, cgroups, io),
        CgroupV2Manager.hybridPart(root.resolve("unified"), CGROUP, io), io);
  }

  @Override
  protected Path file(String controller, String file) {
    String where = V1.contains(controller) ? controller : "unified";
    return root.resolve(where).resolve("jcrun/abc").resolve(file);
  }

  @Override
  protected List<Path> directories() {
    List<Path> dirs = new ArrayList<>();
    V1.forEach(c -> dirs.add(root.resolve(c).resolve("jcrun/abc")));
    dirs.add(root.resolve("unified/jcrun/abc"));
    return dirs;
  }

  @Override
  protected void setOomKills(int kills) {
    fs.put(root.resolve("memory/jcrun/abc"), "memory.oom_control",
        "oom_kill_disable 0\nunder_oom 0\noom_kill " + kills + "\n");
  }

  @Override
  protected boolean usesCgroupKill() {
    return true;
  }

  @Test
  void createTouchesNoControllerOfTheCgroup2HierarchyAndUsesV1Devices() throws Exception {
    manager().create();
    assertEquals(List.of(), fs.writeLog().stream()
        .filter(w -> w.startsWith("unified/") && w.contains("subtree_control")).toList());
    assertEquals(List.of(), syscalls.calls(SyscallCall.BpfProgLoad.class));
  }

  @Test
  void hugepageLimitsGoToTheCgroup2HierarchyWhichEnablesHugetlbOnTheWay() throws Exception {
    CgroupManager m = manager();
    m.create();
    fs.clearWrites();
    m.apply(CgroupResources.builder().memoryLimit(1 << 20).hugepageLimit("2MB", 2 << 20).build());
    assertEquals(List.of(
        "memory/jcrun/abc/memory.limit_in_bytes=1048576",
        "unified/cgroup.subtree_control=+hugetlb",
        "unified/jcrun/cgroup.subtree_control=+hugetlb",
        "unified/jcrun/abc/hugetlb.2MB.max=2097152",
        "unified/jcrun/abc/hugetlb.2MB.rsvd.max=2097152"), fs.writeLog());
  }

  @Test
  void unifiedResourcesGoToTheCgroup2Hierarchy() throws Exception {
    CgroupManager m = manager();
    m.create();
    fs.clearWrites();
    m.apply(CgroupResources.builder().unified("cgroup.max.descendants", "5").build());
    assertEquals(List.of("unified/jcrun/abc/cgroup.max.descendants=5"), fs.writeLog());
  }

  @Test
  void aControllerNeitherPartHasIsRefusedByName() throws Exception {
    CgroupManager m = manager();
    m.create();
    CgroupException e = assertThrows(CgroupException.class,
        () -> m.apply(CgroupResources.builder().networkClassId(1).build()));
    assertEquals("apply net_cls resources to " + root.resolve("unified/jcrun/abc")
        + ": no cgroup v1 net_cls controller is mounted, and the cgroup2 hierarchy offers only"
        + " [hugetlb]", e.getMessage());
  }

  @Test
  void statsComeFromWhereEachControllerIs() throws Exception {
    CgroupManager m = manager();
    m.create();
    m.apply(CgroupResources.builder().hugepageLimit("2MB", 2 << 20).build());
    fs.put(root.resolve("unified/jcrun/abc"), "hugetlb.2MB.current", "2097152\n");
    fs.put(root.resolve("pids/jcrun/abc"), "pids.current", "2\n");
    CgroupStats s = m.stats();
    assertEquals(new CgroupStats.Hugetlb(2097152, 0, 0), s.hugetlb().get("2MB"));
    assertEquals(new CgroupStats.Pids(2, 0), s.pids());
  }

  @Test
  void pathsNameBothParts() {
    CgroupPaths p = manager().paths();
    assertEquals(root.resolve("unified/jcrun/abc").toString(), p.unified());
    assertEquals(root.resolve("memory/jcrun/abc").toString(), p.controllers().get("memory"));
    assertEquals(9, p.asMap().size());
  }

  @Test
  void withoutV1DevicesTheCgroup2PartFiltersDevices() throws Exception {
    Map<String, String> cgroups = new LinkedHashMap<>();
    List.of("memory", "freezer").forEach(c -> cgroups.put(c, CGROUP));
    CgroupManager m = new HybridCgroupManager(new CgroupV1Manager(root, cgroups, io),
        CgroupV2Manager.hybridPart(root.resolve("unified"), CGROUP, io), io);
    m.create();
    assertEquals(1, syscalls.calls(SyscallCall.BpfProgLoad.class).size());
  }
}
