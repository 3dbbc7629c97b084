package io.jcrun.cgroups.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupIo;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupPath;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.FakeCgroupFs;
import io.jcrun.cgroups.ProcessCgroups;
import io.jcrun.cgroups.driver.CgroupLayout.Kind;
import io.jcrun.cgroups.hybrid.HybridCgroupManager;
import io.jcrun.cgroups.v1.CgroupV1Manager;
import io.jcrun.cgroups.v2.CgroupV2Manager;
import io.jcrun.linux.FakeSyscalls;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where each layout puts a container's cgroup, and reopening managers from saved paths. */
class CgroupfsDriverTest {
  static final Path ROOT = Path.of("/sys/fs/cgroup");
  static final ProcessCgroups OWN = ProcessCgroups.parse("""
      9:name=systemd:/
      4:memory:/process_api/9e73
      1:cpu:/
      0::/system.slice/jcrun.service
      """);
  final CgroupIo io = new CgroupIo(new FakeSyscalls(), new FakeCgroupFs(Path.of("/tmp")), d -> {});

  CgroupfsDriver driver(Kind kind) {
    return new CgroupfsDriver(switch (kind) {
      case V2 -> new CgroupLayout(Kind.V2, ROOT, Set.of(), Optional.of(ROOT));
      case V1 -> new CgroupLayout(Kind.V1, ROOT, Set.of("memory", "cpu"), Optional.empty());
      case HYBRID -> new CgroupLayout(Kind.HYBRID, ROOT, Set.of("memory", "cpu"),
          Optional.of(ROOT.resolve("unified")));
    }, io);
  }

  @Test
  void theDefaultPathIsJcrunSlashId() {
    CgroupManager m = driver(Kind.V2).manager(CgroupPath.parse(null, "abc"), OWN);
    assertEquals(new CgroupPaths(Map.of(), "/sys/fs/cgroup/jcrun/abc"), m.paths());
  }

  @Test
  void absolutePathsAreTakenFromEachHierarchysRoot() {
    CgroupManager m = driver(Kind.HYBRID).manager(CgroupPath.parse("/a/b", "abc"), OWN);
    assertInstanceOf(HybridCgroupManager.class, m);
    assertEquals(new CgroupPaths(Map.of("memory", "/sys/fs/cgroup/memory/a/b",
        "cpu", "/sys/fs/cgroup/cpu/a/b"), "/sys/fs/cgroup/unified/a/b"), m.paths());
  }

  @Test
  void relativePathsGoUnderTheRuntimesOwnCgroupInEachV1Hierarchy() {
    CgroupManager m = driver(Kind.V1).manager(CgroupPath.parse("pod/c1", "abc"), OWN);
    assertInstanceOf(CgroupV1Manager.class, m);
    assertEquals(new CgroupPaths(Map.of("memory", "/sys/fs/cgroup/memory/process_api/9e73/pod/c1",
        "cpu", "/sys/fs/cgroup/cpu/pod/c1"), ""), m.paths());
  }

  @Test
  void relativePathsGoUnderTheParentOfTheRuntimesCgroupOnV2() {
    CgroupManager m = driver(Kind.V2).manager(CgroupPath.parse("pod/c1", "abc"), OWN);
    assertInstanceOf(CgroupV2Manager.class, m);
    assertEquals("/sys/fs/cgroup/system.slice/pod/c1", m.paths().unified());
  }

  @Test
  void aRelativePathMayNotClimbOutOfTheRoot() {
    CgroupPath path = CgroupPath.parse("x", "abc");
    assertThrows(IllegalArgumentException.class, () -> new CgroupPath("../x"));
    assertEquals("/x", path.under("/"));
  }

  @Test
  void reopensEachLayoutFromItsPaths() throws CgroupException {
    assertInstanceOf(CgroupV2Manager.class, CgroupfsDriver.open(
        new CgroupPaths(Map.of(), "/sys/fs/cgroup/jcrun/abc"), ROOT, io));
    assertInstanceOf(CgroupV1Manager.class, CgroupfsDriver.open(
        new CgroupPaths(Map.of("memory", "/sys/fs/cgroup/memory/jcrun/abc"), ""), ROOT, io));
    CgroupPaths hybrid = new CgroupPaths(Map.of("memory", "/sys/fs/cgroup/memory/jcrun/abc"),
        "/sys/fs/cgroup/unified/jcrun/abc");
    assertEquals(hybrid, CgroupfsDriver.open(hybrid, ROOT, io).paths());
    assertSame(CgroupManager.disabled(), CgroupfsDriver.open(CgroupPaths.NONE, ROOT, io));
  }

  @Test
  void savedPathsOutsideTheRootAreRefused() {
    CgroupException e = assertThrows(CgroupException.class, () -> CgroupfsDriver.open(
        new CgroupPaths(Map.of(), "/etc/jcrun"), ROOT, io));
    assertEquals("open the cgroup at {=/etc/jcrun}: /etc/jcrun is not below /sys/fs/cgroup",
        e.getMessage());
  }
}
