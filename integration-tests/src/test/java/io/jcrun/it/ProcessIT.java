package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process attributes of config.json, checked from inside the container. */
class ProcessIT {
  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  private String run(Bundle b) throws Exception {
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "p1");
    assertEquals(0, r.status(), r.toString());
    return r.out();
  }

  @Test
  void appliesUserGroupsUmaskCwdAndEnvironment() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"))
        .shell("id; umask; pwd; echo $GREETING; touch /tmp/f; stat -c %a /tmp/f");
    ObjectNode user = b.process().putObject("user");
    user.put("uid", 1000).put("gid", 1000).put("umask", 027);
    user.putArray("additionalGids").add(10).add(20);
    b.process().put("cwd", "/tmp/work");
    ((ArrayNode) b.process().get("env")).add("GREETING=hello");
    ((ArrayNode) b.config.get("mounts")).addObject().put("destination", "/tmp")
        .put("type", "tmpfs").put("source", "tmpfs").putArray("options").add("mode=1777");
    String out = run(b);
    assertTrue(out.startsWith("uid=1000 gid=1000 groups=10,20\n"), out);
    assertTrue(out.contains("\n0027\n/tmp/work\nhello\n640\n"), out);
  }

  @Test
  void setsAllFiveCapabilitySetsAndNoNewPrivileges() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("grep -E '^(Cap|NoNewPrivs)' /proc/self/status");
    ObjectNode caps = b.process().putObject("capabilities");
    for (String set : new String[] {"bounding", "effective", "permitted", "inheritable", "ambient"}) {
      caps.putArray(set).add("CAP_NET_RAW").add("CAP_KILL");
    }
    b.process().putObject("user").put("uid", 1000).put("gid", 1000);
    b.process().put("noNewPrivileges", true);
    String out = run(b);
    // CAP_KILL is bit 5, CAP_NET_RAW bit 13: 0x2020, kept across the uid change by ambient.
    assertEquals("CapInh:\t0000000000002020\nCapPrm:\t0000000000002020\nCapEff:\t0000000000002020\n"
        + "CapBnd:\t0000000000002020\nCapAmb:\t0000000000002020\nNoNewPrivs:\t1\n", out);
  }

  @Test
  void setsRlimitsOomScoreHostnameDomainnameAndSysctls() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("ulimit -n; ulimit -s; cat /proc/self/oom_score_adj;"
        + " hostname; cat /proc/sys/kernel/domainname; cat /proc/sys/net/ipv4/ip_forward");
    ArrayNode limits = b.process().putArray("rlimits");
    limits.addObject().put("type", "RLIMIT_NOFILE").put("soft", 512).put("hard", 1024);
    limits.addObject().put("type", "RLIMIT_STACK").put("soft", 4194304).put("hard", 4194304);
    b.process().put("oomScoreAdj", 500);
    b.config.put("hostname", "h1").put("domainname", "example.org");
    b.linux().putObject("sysctl").put("net.ipv4.ip_forward", "1");
    assertEquals("512\n4096\n500\nh1\nexample.org\n1\n", run(b));
  }

  @Test
  void createsConfiguredDevices() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("stat -c '%F %t:%T %a %u:%g' /dev/kmsg /dev/null");
    b.linux().putArray("devices").addObject().put("path", "/dev/kmsg").put("type", "c")
        .put("major", 1).put("minor", 11).put("fileMode", 0640).put("uid", 7).put("gid", 8);
    assertEquals("character special file 1:b 640 7:8\ncharacter special file 1:3 666 0:0\n", run(b));
  }

  @Test
  void runsWithoutPivotRoot() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("ls /; cat /proc/self/mountinfo | wc -l");
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "--no-pivot", "np");
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.out().startsWith("bin\ndev\netc\nproc\nroot\nsys\ntmp\n"), r.out());
  }
}
