package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** seccomp filters compiled by jcrun, enforced by the kernel. */
class SeccompIT {
  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  private static ObjectNode profile(Bundle b, String defaultAction) {
    ObjectNode s = b.linux().putObject("seccomp");
    s.put("defaultAction", defaultAction);
    s.putArray("architectures").add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86").add("SCMP_ARCH_X32");
    return s;
  }

  private static ObjectNode rule(ObjectNode profile, String action, String... names) {
    ObjectNode r = ((ArrayNode) profile.withArray("syscalls")).addObject();
    ArrayNode n = r.putArray("names");
    for (String name : names) {
      n.add(name);
    }
    r.put("action", action);
    return r;
  }

  @Test
  void anErrnoRuleMakesOnlyItsSyscallFail() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"))
        .shell("mkdir /tmp/x; echo mkdir=$?; touch /tmp/y && echo touch-ok");
    rule(profile(b, "SCMP_ACT_ALLOW"), "SCMP_ACT_ERRNO", "mkdir", "mkdirat").put("errnoRet", 1);
    b.process().put("noNewPrivileges", true);
    ((ObjectNode) b.config.get("root")).put("readonly", false);
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "s1");
    assertEquals(0, r.status(), r.toString());
    assertEquals("mkdir=1\ntouch-ok\n", r.out());
    assertEquals("mkdir: can't create directory '/tmp/x': Operation not permitted\n", r.err());
  }

  @Test
  void argumentFiltersAllowOnlyTheGivenValue() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"))
        .shell("linux64 true && echo linux64-ok; linux32 true 2>/dev/null || echo linux32-denied");
    ObjectNode p = profile(b, "SCMP_ACT_ALLOW");
    // personality(2) allowed only for PER_LINUX (0): any greater persona is refused.
    rule(p, "SCMP_ACT_ERRNO", "personality").putArray("args").addObject()
        .put("index", 0).put("value", 0).put("op", "SCMP_CMP_GT");
    b.process().put("noNewPrivileges", false);
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "s2");
    assertEquals(0, r.status(), r.toString());
    assertEquals("linux64-ok\nlinux32-denied\n", r.out());
  }

  /** Profiles captured from the config.json podman 4.3 and Docker 20.10 generate on this host. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"podman", "docker"})
  void theEnginesDefaultProfilesRunAShell(String engine) throws Exception {
    // Docker's profile refuses unshare(2) without CAP_SYS_ADMIN; podman's lets user namespaces be.
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell(
        "echo shell-ok; ls / > /dev/null && grep Seccomp: /proc/self/status; unshare -m true"
            + " 2>/dev/null || echo unshare-refused");
    try (var in = getClass().getResourceAsStream("/profiles/" + engine + "-seccomp.json")) {
      b.linux().set("seccomp", new ObjectMapper().readTree(in));
    }
    Jcrun.Result r = jcrun.run(b.write().dir, "run", engine);
    assertEquals(0, r.status(), r.toString());
    assertEquals("shell-ok\nSeccomp:\t2\nunshare-refused\n", r.out());
  }

  @Test
  void killActionKillsTheProcess() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("mkdir /tmp/x");
    rule(profile(b, "SCMP_ACT_ALLOW"), "SCMP_ACT_KILL_PROCESS", "mkdir", "mkdirat");
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "s3");
    assertEquals(128 + 31, r.status(), r.toString());
  }

  @Test
  void aNotifyAgentGetsTheListenerAndAnswersForTheKernel() throws Exception {
    Path socket = tmp.resolve("agent.sock");
    Path state = tmp.resolve("agent-state.json");
    Path script = tmp.resolve("agent.py");
    try (var in = getClass().getResourceAsStream("/seccomp-agent.py")) {
      Files.copy(in, script);
    }
    Process agent = new ProcessBuilder("python3", script.toString(), socket.toString(),
        state.toString()).inheritIO().start();
    try {
      for (int i = 0; i < 100 && !Files.exists(socket); i++) {
        Thread.sleep(50);
      }
      Bundle b = Bundle.busybox(tmp.resolve("b")).shell("mkdir /tmp/x; echo mkdir=$?");
      ObjectNode p = profile(b, "SCMP_ACT_ALLOW");
      p.put("listenerPath", socket.toString()).put("listenerMetadata", "test-meta");
      rule(p, "SCMP_ACT_NOTIFY", "mkdir", "mkdirat");
      b.config.putObject("annotations").put("k", "v");
      Jcrun.Result r = jcrun.run(b.write().dir, "run", "s4");
      assertEquals(0, r.status(), r.toString());
      assertEquals("mkdir=1\n", r.out());
      assertTrue(r.err().contains("No space left on device"), r.err());
      JsonNode sent = new ObjectMapper().readTree(state.toFile());
      assertEquals("seccompFd", sent.get("fds").get(0).asText());
      assertEquals("test-meta", sent.get("metadata").asText());
      assertEquals("s4", sent.get("state").get("id").asText());
      assertEquals("creating", sent.get("state").get("status").asText());
      assertEquals("v", sent.get("state").get("annotations").get("k").asText());
      assertTrue(sent.get("pid").asInt() > 0);
    } finally {
      agent.destroyForcibly();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
