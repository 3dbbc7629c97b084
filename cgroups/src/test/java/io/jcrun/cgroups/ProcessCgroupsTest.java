package io.jcrun.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessCgroupsTest {

  @Test
  void parsesAHybridHostsProcSelfCgroup() {
    ProcessCgroups own = ProcessCgroups.parse("""
        12:net_cls,net_prio:/
        9:name=systemd:/
        4:memory:/process_api/9e73656652385f71ea98669c557d2e55
        1:cpu,cpuacct:/a
        0::/
        """);
    assertEquals(Map.of("net_cls", "/", "net_prio", "/", "name=systemd", "/",
        "memory", "/process_api/9e73656652385f71ea98669c557d2e55", "cpu", "/a", "cpuacct", "/a"),
        own.v1());
    assertEquals("/a", own.v1("cpuacct"));
    assertEquals("/", own.v1("pids"));
    assertEquals(Optional.of("/"), own.unified());
    assertEquals("/", own.v2Base());
  }

  @Test
  void relativeV2PathsGoUnderTheParentOfTheOwnCgroup() {
    ProcessCgroups own = ProcessCgroups.parse("0::/user.slice/user-0.slice/session-1.scope\n");
    assertEquals("/user.slice/user-0.slice", own.v2Base());
    assertEquals("/", ProcessCgroups.parse("0::/init.scope\n").v2Base());
    assertEquals("/", ProcessCgroups.ROOT.v2Base());
  }
}
