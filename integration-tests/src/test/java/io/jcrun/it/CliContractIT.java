package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level contract engines depend on (CLI-CONTRACT.md): state and list JSON, pid files,
 * features, errors and log lines, signals, the console and pidfd sockets, and cleanup after a
 * create killed at any point. Each test fails if the format changes.
 */
class CliContractIT {
  @TempDir Path tmp;
  private Jcrun jcrun;
  private Bundle bundle;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
    bundle = Bundle.busybox(tmp.resolve("b"), "sleep", "60");
    bundle.config.putObject("annotations").put("org.example.k", "v");
    bundle.write();
  }

  @Test
  void stateIsRuncsJsonWithNoTrailingNewlineAndNothingOnStderr() throws Exception {
    Path pidFile = tmp.resolve("init.pid");
    assertEquals(0, jcrun.run(bundle.dir, "create", "--pid-file", pidFile.toString(), "s1").status());
    try {
      Jcrun.Result r = jcrun.run(tmp, "state", "s1");
      assertEquals(0, r.status());
      assertEquals("", r.err());
      String pid = Files.readString(pidFile);
      assertTrue(pid.matches("[1-9][0-9]*"), "pid file is digits only: [" + pid + "]");
      String expected = "{\n  \"ociVersion\": \"1.2.0\",\n  \"id\": \"s1\",\n  \"pid\": " + pid
          + ",\n  \"status\": \"created\",\n  \"bundle\": \"" + bundle.dir + "\",\n  \"rootfs\": \""
          + bundle.rootfs + "\",\n  \"created\": \"CREATED\",\n  \"annotations\": {\n"
          + "    \"org.example.k\": \"v\"\n  },\n  \"owner\": \"root\"\n}";
      String created = json.readTree(r.out()).get("created").asText();
      assertTrue(created.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"), created);
      assertEquals(expected.replace("CREATED", created), r.out());
      assertEquals(0, jcrun.run(tmp, "start", "s1").status());
      assertTrue(jcrun.run(tmp, "state", "s1").out().contains("\"status\": \"running\""));
      Jcrun.Result again = jcrun.run(tmp, "start", "s1");
      assertEquals("jcrun: cannot start an already running container\n", again.err());
      assertEquals(0, jcrun.run(tmp, "kill", "s1", "SIGKILL").status());
      awaitStatus("s1", "stopped");
      JsonNode stopped = json.readTree(jcrun.run(tmp, "state", "s1").out());
      assertEquals(0, stopped.get("pid").asInt(), "pid is 0 when stopped");
      assertEquals("jcrun: container not running\n", jcrun.run(tmp, "kill", "s1", "9").err());
    } finally {
      jcrun.run(tmp, "delete", "--force", "s1");
    }
  }

  private void awaitStatus(String id, String status) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (jcrun.run(tmp, "state", id).out().contains("\"status\": \"" + status + "\"")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(id + " never became " + status);
  }

  @Test
  void listPrintsRuncsTableAndJson() throws Exception {
    assertEquals(0, jcrun.run(bundle.dir, "run", "-d", "l1").status());
    try {
      Jcrun.Result table = jcrun.run(tmp, "list");
      String[] lines = table.out().split("\n");
      assertTrue(lines[0].matches("ID {10}PID {9}STATUS {6}BUNDLE +CREATED +OWNER"), lines[0]);
      assertTrue(lines[1].startsWith("l1          "), lines[1]);
      JsonNode list = json.readTree(jcrun.run(tmp, "list", "--format=json").out());
      assertEquals("l1", list.get(0).get("id").asText());
      assertEquals("running", list.get(0).get("status").asText());
      assertEquals("l1\n", jcrun.run(tmp, "list", "-q").out());
      Jcrun.Result ps = jcrun.run(tmp, "ps", "--format", "json", "l1");
      assertEquals("", ps.err());
      assertEquals(1, json.readTree(ps.out()).size());
    } finally {
      jcrun.run(tmp, "delete", "--force", "l1");
    }
    // runc encodes its nil slice: "null", not "[]" (runc 1.1.5 here prints the same).
    assertEquals("null\n", jcrun.run(tmp, "list", "--format", "json").out());
  }

  @Test
  void errorsUseRuncsSentinelsAndGoToTheJsonLog() throws Exception {
    Path log = tmp.resolve("log.json");
    Jcrun.Result r = jcrun.run(tmp, "--log", log.toString(), "--log-format", "json", "state",
        "nope");
    assertEquals(1, r.status());
    assertEquals("jcrun: container does not exist\n", r.err());
    JsonNode line = json.readTree(Files.readString(log));
    assertEquals("error", line.get("level").asText());
    assertEquals("container does not exist", line.get("msg").asText());
    assertTrue(line.get("time").asText().matches("\\d{4}-.*Z"));
    assertEquals(1, Files.readAllLines(log).size(), "one JSON object, as podman parses it");
    assertEquals(0, jcrun.run(tmp, "delete", "--force", "nope").status(),
        "delete --force of a missing container succeeds, as the shim expects");
    assertEquals("jcrun: container does not exist\n", jcrun.run(tmp, "delete", "nope").err());
    assertEquals(0, jcrun.run(bundle.dir, "run", "-d", "dup").status());
    try {
      assertEquals("jcrun: container with given ID already exists\n",
          jcrun.run(bundle.dir, "create", "dup").err());
      assertEquals("jcrun: cannot delete container dup that is not stopped: running\n",
          jcrun.run(tmp, "delete", "dup").err());
    } finally {
      jcrun.run(tmp, "delete", "--force", "dup");
    }
    assertTrue(jcrun.run(tmp, "--systemd-cgroup", "run", "--bundle", bundle.dir.toString(), "x")
        .err().contains("the systemd cgroup driver is not supported"));
    Jcrun.Result probe = jcrun.run(tmp, "checkpoint", "--help");
    assertEquals(1, probe.status(), "podman reads exit 0 as 'checkpoint works'");
  }

  @Test
  void versionAndFeaturesHaveRuncsShape() throws Exception {
    String[] version = jcrun.run(tmp, "--version").out().split("\n");
    assertTrue(version[0].matches("jcrun version \\d+\\.\\d+\\.\\d+"), version[0]);
    assertTrue(version[1].startsWith("commit: "), version[1]);
    assertEquals("spec: 1.2.1", version[2]);
    // features runs with no global flags and no root directory.
    ProcessBuilder pb = new ProcessBuilder(Jcrun.BINARY.toString(), "features");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor());
    assertTrue(out.startsWith("{\n    \"ociVersionMin\": \"1.0.0\",\n"), out);
    JsonNode f = json.readTree(out);
    assertTrue(f.get("linux").get("seccomp").get("enabled").asBoolean());
    List<String> actions = new ArrayList<>();
    f.get("linux").get("seccomp").get("actions").forEach(a -> actions.add(a.asText()));
    assertTrue(actions.contains("SCMP_ACT_NOTIFY"), actions.toString());
    assertTrue(f.get("mountOptions").toString().contains("\"rro\""));
  }

  @Test
  void killTakesNamesAndNumbersAndAllSignalsTheWholeCgroup() throws Exception {
    bundle.shell("trap 'echo got-usr1 > /tmp/sig' USR1; sleep 60 & sleep 60 & wait; sleep 2").write();
    assertEquals(0, jcrun.run(bundle.dir, "run", "-d", "k1").status());
    try {
      assertEquals(0, jcrun.run(tmp, "kill", "k1", "USR1").status());
      assertEquals(0, jcrun.run(tmp, "kill", "k1", "10").status());
      assertEquals("jcrun: unknown signal \"SIGFOO\"\n", jcrun.run(tmp, "kill", "k1", "SIGFOO").err());
      assertEquals(0, jcrun.run(tmp, "kill", "--all", "k1", "KILL").status());
      awaitStatus("k1", "stopped");
      assertEquals(0, jcrun.run(tmp, "kill", "--all", "k1", "KILL").status(),
          "--all ignores a stopped container");
    } finally {
      jcrun.run(tmp, "delete", "--force", "k1");
    }
  }

  private Process receiver(Path socket, Path out) throws Exception {
    Path script = tmp.resolve("fd-receiver.py");
    if (!Files.exists(script)) {
      try (var in = getClass().getResourceAsStream("/fd-receiver.py")) {
        Files.copy(in, script);
      }
    }
    Process p = new ProcessBuilder("python3", script.toString(), socket.toString(), out.toString())
        .inheritIO().start();
    for (int i = 0; i < 100 && !Files.exists(socket); i++) {
      Thread.sleep(50);
    }
    return p;
  }

  @Test
  void theConsoleSocketGetsThePtyMasterInRuncsWireFormat() throws Exception {
    bundle.shell("exec sh");
    bundle.process().put("terminal", true);
    bundle.write();
    Path socket = tmp.resolve("console.sock");
    Path out = tmp.resolve("console.out");
    Process recv = receiver(socket, out);
    Jcrun.Result r = jcrun.run(bundle.dir, "run", "-d", "--console-socket", socket.toString(), "t1");
    assertEquals(0, r.status(), r.toString());
    try {
      assertTrue(recv.waitFor(30, TimeUnit.SECONDS));
      String got = Files.readString(out);
      assertTrue(got.contains("name=/dev/pts/0\nfds=1\nisatty=True\n"), got);
      assertTrue(got.contains("via-pty"), got);
    } finally {
      jcrun.run(tmp, "delete", "--force", "t1");
    }
  }

  @Test
  void thePidfdSocketGetsAPidfdOfTheInit() throws Exception {
    Path socket = tmp.resolve("pidfd.sock");
    Path out = tmp.resolve("pidfd.out");
    Process recv = receiver(socket, out);
    Path pidFile = tmp.resolve("pid");
    assertEquals(0, jcrun.run(bundle.dir, "create", "--pid-file", pidFile.toString(),
        "--pidfd-socket", socket.toString(), "p1").status());
    try {
      assertTrue(recv.waitFor(30, TimeUnit.SECONDS));
      String got = Files.readString(out);
      assertTrue(got.startsWith("name=standard\nfds=1\nisatty=False\npid=" + Files.readString(pidFile)),
          got);
    } finally {
      jcrun.run(tmp, "delete", "--force", "p1");
    }
  }

  /**
   * A create killed with SIGKILL at any moment leaves something `delete --force` cleans up
   * completely: no state directory, cgroup, process or mount.
   */
  @Test
  void aCreateKilledAtAnyPointIsCleanedByDeleteForce() throws Exception {
    bundle.linux().putObject("resources").putObject("pids").put("limit", 100);
    bundle.write();
    String mounts = Host.mountinfo();
    Random random = new Random(42);
    for (int i = 0; i < 25; i++) {
      String id = "killed" + i;
      Process create = jcrun.start(bundle.dir, tmp.resolve("create.out"), "create", id);
      Thread.sleep(random.nextInt(900));
      create.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Jcrun.Result d = jcrun.run(tmp, "delete", "--force", id);
      assertEquals(0, d.status(), "round " + i + ": " + d);
      assertFalse(Files.exists(jcrun.root().resolve(id)), "round " + i + ": state left");
      assertFalse(Files.exists(Path.of("/sys/fs/cgroup/pids/jcrun/" + id)), "round " + i);
      for (int t = 0; t < 50 && !leftovers().isEmpty(); t++) {
        Thread.sleep(20);
      }
      assertEquals(List.of(), leftovers(), "round " + i + ": processes left");
      assertEquals(mounts, Host.mountinfo(), "round " + i + ": mounts left");
    }
  }

  /** jcrun-init processes, or processes whose root is the bundle's rootfs. */
  private List<Long> leftovers() throws Exception {
    List<Long> out = new ArrayList<>(Host.processesWith("jcrun-init run"));
    try (var procs = Files.list(Path.of("/proc"))) {
      Iterator<Path> it = procs.iterator();
      while (it.hasNext()) {
        Path p = it.next();
        try {
          if (Files.readSymbolicLink(p.resolve("root")).startsWith(bundle.rootfs)) {
            out.add(Long.parseLong(p.getFileName().toString()));
          }
        } catch (Exception e) {
          continue;
        }
      }
    }
    return out;
  }
}
