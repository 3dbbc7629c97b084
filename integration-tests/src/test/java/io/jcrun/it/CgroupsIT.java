package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits enforced for real on this machine's cgroup layout (v1 controllers plus a cgroup2
 * mount: hybrid), through the built jcrun, checked from inside and from the cgroup files.
 */
class CgroupsIT {
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  @TempDir Path tmp;
  private Jcrun jcrun;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    assumeTrue(Files.isDirectory(CGROUPS.resolve("memory")), "needs the v1 memory controller");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  private ObjectNode resources(Bundle b) {
    return b.linux().putObject("resources");
  }

  private JsonNode stats(String id) throws Exception {
    Jcrun.Result r = jcrun.run(tmp, "events", "--stats", id);
    assertEquals(0, r.status(), r.toString());
    JsonNode event = json.readTree(r.out());
    assertEquals("stats", event.get("type").asText());
    assertEquals(id, event.get("id").asText());
    return event.get("data");
  }

  @Test
  void aContainerOverItsMemoryLimitIsOomKilledAndTheOomIsReported() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell(
        "sleep 1; x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived");
    resources(b).putObject("memory").put("limit", 32 << 20).put("swap", 32 << 20);
    b.write();
    assertEquals(0, jcrun.run(b.dir, "run", "-d", "oom").status());
    Path out = tmp.resolve("events.out");
    Process events = jcrun.start(tmp, out, "events", "--interval", "200ms", "oom");
    try {
      assertTrue(events.waitFor(60, TimeUnit.SECONDS), "events did not end with the container");
      List<String> lines = Files.readAllLines(out);
      assertTrue(lines.contains("{\"type\":\"oom\",\"id\":\"oom\"}"), String.join("\n", lines));
    } finally {
      jcrun.run(tmp, "delete", "--force", "oom");
    }
  }

  @Test
  void aPidsLimitStopsTheEleventhProcess() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("for i in $(seq 15); do sleep 30 & done; wait");
    resources(b).putObject("pids").put("limit", 10);
    b.write();
    assertEquals(0, jcrun.run(b.dir, "run", "-d", "pids").status());
    try {
      // The shell and nine sleeps fill the ten slots; the next fork fails ("can't fork"),
      // the shell gives up, and the container stops. Its cgroup stays until delete.
      awaitStopped("pids");
      Path dir = CGROUPS.resolve("pids/jcrun/pids");
      assertEquals("10", Files.readString(dir.resolve("pids.peak")).trim());
      assertTrue(Files.readString(dir.resolve("pids.events")).matches("max [1-9]\\d*\\s*"),
          Files.readString(dir.resolve("pids.events")));
    } finally {
      assertEquals(0, jcrun.run(tmp, "delete", "--force", "pids").status());
    }
  }

  private void awaitStopped(String id) throws Exception {
    for (int i = 0; i < 300; i++) {
      if (jcrun.run(tmp, "state", id).out().contains("\"status\": \"stopped\"")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " did not stop");
  }

  @Test
  void aCpuQuotaThrottlesAndTheStatsShowIt() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("while :; do :; done");
    resources(b).putObject("cpu").put("quota", 20000).put("period", 100000);
    b.write();
    assertEquals(0, jcrun.run(b.dir, "run", "-d", "cpu").status());
    try {
      Path dir = CGROUPS.resolve("cpu/jcrun/cpu");
      assertEquals("20000", Files.readString(dir.resolve("cpu.cfs_quota_us")).trim());
      Thread.sleep(1500);
      JsonNode throttling = stats("cpu").get("cpu").get("throttling");
      assertTrue(throttling.get("throttledPeriods").asLong() > 3, throttling.toString());
      assertTrue(throttling.get("periods").asLong() >= throttling.get("throttledPeriods").asLong());
    } finally {
      assertEquals(0, jcrun.run(tmp, "delete", "--force", "cpu").status());
    }
    assertFalse(Files.exists(CGROUPS.resolve("cpu/jcrun/cpu")));
  }

  @Test
  void denyAllBlocksAConfiguredDeviceButKeepsTheDefaultsUsable() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell(
        "head -c 1 /dev/kmsg > /dev/null 2>&1 && echo kmsg-open || echo kmsg-denied;"
            + " echo x > /dev/null && head -c 3 /dev/zero | wc -c && head -c 2 /dev/urandom | wc -c"
            + " && echo > /dev/tty 2>/dev/null; echo defaults-ok");
    b.linux().putArray("devices").addObject().put("path", "/dev/kmsg").put("type", "c")
        .put("major", 1).put("minor", 11).put("fileMode", 0666);
    ((ArrayNode) resources(b).putArray("devices")).addObject().put("allow", false)
        .put("access", "rwm");
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "dev");
    assertEquals(0, r.status(), r.toString());
    assertEquals("kmsg-denied\n3\n2\ndefaults-ok\n", r.out());
  }

  @Test
  void pauseFreezesEveryProcessAndResumeThawsThem() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("sleep 100 & sleep 100 & wait");
    b.write();
    assertEquals(0, jcrun.run(b.dir, "run", "-d", "frz").status());
    try {
      assertEquals(0, jcrun.run(tmp, "pause", "frz").status());
      assertTrue(jcrun.run(tmp, "state", "frz").out().contains("\"status\": \"paused\""));
      List<Long> pids = pids("frz");
      assertEquals(3, pids.size(), pids.toString());
      // A task the v1 freezer holds sleeps uninterruptibly: "D" in /proc/pid/stat.
      for (long pid : pids) {
        assertEquals("D", procState(pid).substring(0, 1), "pid " + pid);
      }
      assertEquals("FROZEN", Files.readString(CGROUPS.resolve("freezer/jcrun/frz/freezer.state")).trim());
      assertEquals(0, jcrun.run(tmp, "resume", "frz").status());
      assertTrue(jcrun.run(tmp, "state", "frz").out().contains("\"status\": \"running\""));
      for (long pid : pids) {
        assertEquals("S", procState(pid).substring(0, 1), "pid " + pid);
      }
    } finally {
      jcrun.run(tmp, "delete", "--force", "frz");
    }
  }

  private List<Long> pids(String id) throws Exception {
    Jcrun.Result r = jcrun.run(tmp, "ps", "--format", "json", id);
    assertEquals(0, r.status(), r.toString());
    List<Long> out = new java.util.ArrayList<>();
    json.readTree(r.out()).forEach(n -> out.add(n.asLong()));
    return out;
  }

  private static String procState(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2);
  }

  @Test
  void theInitOverheadIsTinyOneMebibyteAndOnePidAreEnough() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/true");
    ObjectNode res = resources(b);
    res.putObject("memory").put("limit", 1 << 20).put("swap", 1 << 20);
    res.putObject("pids").put("limit", 1);
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "tiny");
    assertEquals(0, r.status(), r.toString());
  }

  @Test
  void twoHundredCreateDeleteCyclesLeaveNoCgroup() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/true");
    resources(b).putObject("pids").put("limit", 100);
    b.write();
    for (int i = 0; i < 200; i++) {
      String id = "cycle" + i;
      Jcrun.Result c = jcrun.run(b.dir, "create", id);
      assertEquals(0, c.status(), c.toString());
      Jcrun.Result d = jcrun.run(b.dir, "delete", id);
      assertEquals(0, d.status(), d.toString());
    }
    for (String controller : List.of("pids", "memory", "cpu", "freezer", "devices", "blkio")) {
      try (var left = Files.list(CGROUPS.resolve(controller).resolve("jcrun"))) {
        assertEquals(List.of(), left.filter(Files::isDirectory)
            .filter(p -> p.getFileName().toString().startsWith("cycle")).toList(), controller);
      }
    }
  }

  @Test
  void anUpdateChangesTheLimitsOfARunningContainer() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "sleep", "60");
    resources(b).putObject("pids").put("limit", 50);
    b.write();
    assertEquals(0, jcrun.run(b.dir, "run", "-d", "upd").status());
    try {
      Path pidsMax = CGROUPS.resolve("pids/jcrun/upd/pids.max");
      assertEquals("50", Files.readString(pidsMax).trim());
      assertEquals(0, jcrun.run(tmp, "update", "--pids-limit", "7", "--memory", "64m", "upd").status());
      assertEquals("7", Files.readString(pidsMax).trim());
      assertEquals(String.valueOf(64 << 20), Files.readString(
          CGROUPS.resolve("memory/jcrun/upd/memory.limit_in_bytes")).trim());
      Path file = tmp.resolve("res.json");
      Files.writeString(file, "{\"pids\":{\"limit\":12}}");
      assertEquals(0, jcrun.run(tmp, "update", "--resources", file.toString(), "upd").status());
      assertEquals("12", Files.readString(pidsMax).trim());
      Jcrun.Result bad = jcrun.run(tmp, "update", "--pids-limit", "-5", "upd");
      assertEquals(1, bad.status());
      assertEquals("12", Files.readString(pidsMax).trim());
    } finally {
      jcrun.run(tmp, "delete", "--force", "upd");
    }
  }
}
