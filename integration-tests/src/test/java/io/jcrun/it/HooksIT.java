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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The six hooks at the points and in the namespaces the runtime spec gives them. */
class HooksIT {
  @TempDir Path tmp;
  private Jcrun jcrun;
  private Path log;
  private Path hostHook;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
    log = Files.createDirectories(tmp.resolve("log"));
    hostHook = script(tmp.resolve("hook.sh"));
  }

  /**
   * A hook that logs its kind ($1), its uts and mount namespaces and the state on stdin, one line
   * per call.
   */
  private Path script(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n"
        + "echo \"$1 $(readlink /proc/self/ns/uts) $(readlink /proc/self/ns/mnt) $GREETING $(cat)\" >> $LOG/hooks\n"
        + "[ \"$1\" != \"$FAIL\" ]\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static void hook(ObjectNode hooks, String kind, String path, String env, int timeout) {
    ObjectNode h = ((ArrayNode) hooks.withArray(kind)).addObject();
    h.put("path", path);
    h.putArray("args").add("hook").add(kind);
    ArrayNode e = h.putArray("env");
    for (String v : env.split(" ")) {
      e.add(v);
    }
    if (timeout > 0) {
      h.put("timeout", timeout);
    }
  }

  private Bundle bundleWithHooks(String fail, String... args) throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), args);
    script(b.rootfs.resolve("hook.sh"));
    ((ArrayNode) b.config.get("mounts")).addObject().put("destination", log.toString())
        .put("type", "bind").put("source", log.toString()).putArray("options").add("rbind");
    b.config.put("hostname", "in-container");
    String env = "LOG=" + log + " GREETING=hello FAIL=" + fail;
    ObjectNode hooks = b.config.putObject("hooks");
    for (String kind : List.of("prestart", "createRuntime", "poststart", "poststop")) {
      hook(hooks, kind, hostHook.toString(), env, 5);
    }
    hook(hooks, "createContainer", hostHook.toString(), env, 5);
    hook(hooks, "startContainer", "/hook.sh", env, 5);
    return b.write();
  }

  private List<String[]> calls() throws Exception {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(log.resolve("hooks"))) {
      out.add(line.split(" ", 5));
    }
    return out;
  }

  @Test
  void runsEveryHookInOrderInTheRightNamespacesWithTheState() throws Exception {
    Bundle b = bundleWithHooks("none", "/bin/true");
    Jcrun.Result r = jcrun.run(b.dir, "run", "h1");
    assertEquals(0, r.status(), r.toString());
    List<String[]> calls = calls();
    assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer",
        "poststart", "poststop"), calls.stream().map(c -> c[0]).toList());
    String hostMnt = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
    String hostUts = Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString();
    ObjectMapper json = new ObjectMapper();
    for (String[] c : calls) {
      boolean inContainer = c[0].equals("createContainer") || c[0].equals("startContainer");
      assertEquals(inContainer, !c[2].equals(hostMnt), c[0] + " ran in the wrong mount namespace");
      assertEquals(inContainer, !c[1].equals(hostUts), c[0] + " ran in the wrong uts namespace");
      assertEquals("hello", c[3], c[0] + " got its env");
      JsonNode state = json.readTree(c[4]);
      assertEquals("h1", state.get("id").asText());
      String status = switch (c[0]) {
        case "startContainer" -> "created";
        case "poststart" -> "running";
        case "poststop" -> "stopped";
        default -> "creating";
      };
      assertEquals(status, state.get("status").asText(), c[0]);
      assertEquals(b.dir.toString(), state.get("bundle").asText());
      assertTrue(c[0].equals("poststop") || state.get("pid").asInt() > 0, c[0]);
    }
  }

  @Test
  void aFailingCreateRuntimeHookFailsCreateAndLeavesNothing() throws Exception {
    Bundle b = bundleWithHooks("createRuntime", "/bin/true");
    Jcrun.Result r = jcrun.run(b.dir, "run", "h2");
    assertEquals(1, r.status(), r.toString());
    assertTrue(r.err().startsWith("jcrun: hooks.createRuntime[0]: hook " + hostHook
        + " exited with status 1"), r.err());
    try (var left = Files.list(jcrun.root())) {
      assertEquals(0, left.count());
    }
    assertEquals(List.of("prestart", "createRuntime"), calls().stream().map(c -> c[0]).toList());
  }

  @Test
  void aFailingPoststartHookIsAWarning() throws Exception {
    Bundle b = bundleWithHooks("poststart", "/bin/true");
    Jcrun.Result r = jcrun.run(b.dir, "run", "h3");
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.err().contains("jcrun: warning: hooks.poststart[0]: hook"), r.err());
  }

  @Test
  void aHookThatOverrunsItsTimeoutIsKilled() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/true");
    ObjectNode hooks = b.config.putObject("hooks");
    ObjectNode h = ((ArrayNode) hooks.withArray("createRuntime")).addObject();
    h.put("path", "/bin/sleep").put("timeout", 1).putArray("args").add("sleep").add("30");
    long start = System.nanoTime();
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "h4");
    assertEquals(1, r.status(), r.toString());
    assertEquals("jcrun: hooks.createRuntime[0]: hook /bin/sleep timed out after 1 s\n", r.err());
    assertTrue(System.nanoTime() - start < 20_000_000_000L);
  }
}
