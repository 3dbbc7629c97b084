package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runc's run/create options: --keep, --no-subreaper, --no-new-keyring. */
class RunOptionsIT {
  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  @Test
  void keepLeavesTheStoppedContainerForDelete() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/sh", "-c", "exit 3").write();
    Jcrun.Result r = jcrun.run(b.dir, "run", "--keep", "kept");
    assertEquals(3, r.status(), r.toString());
    Jcrun.Result state = jcrun.run(b.dir, "state", "kept");
    assertEquals(0, state.status(), state.toString());
    assertEquals("stopped", new ObjectMapper().readTree(state.out()).get("status").asText());
    assertEquals(0, jcrun.run(b.dir, "delete", "kept").status());
    assertFalse(Files.exists(jcrun.root().resolve("kept")));
  }

  @Test
  void eachContainerJoinsASessionKeyringNamedForIt() throws Exception {
    // Keyrings outlive their containers until the kernel collects them: unique ids.
    String id = "key" + UUID.randomUUID().toString().substring(0, 8);
    String noKey = id + "n";
    Bundle b = Bundle.busybox(tmp.resolve("b"), "sleep", "60").write();
    assertEquals(0, jcrun.run(b.dir, "run", "-d", id).status());
    assertEquals(0, jcrun.run(b.dir, "run", "-d", "--no-new-keyring", noKey).status());
    try {
      String keys = Files.readString(Path.of("/proc/keys"));
      String line = keys.lines().filter(l -> l.endsWith(" _ses." + id + ": empty")).findFirst()
          .orElseThrow(() -> new AssertionError("no keyring _ses." + id + " in\n" + keys));
      // Like runc: the owner's uid may search it (0x08 in the "user" byte).
      assertTrue(line.contains(" perm 3f1b0000 "), line);
      assertFalse(keys.contains("_ses." + noKey), keys);
    } finally {
      jcrun.run(b.dir, "delete", "--force", id);
      jcrun.run(b.dir, "delete", "--force", noKey);
    }
  }

  @Test
  void orphansOfAContainerInTheHostPidNamespaceComeBackToRun() throws Exception {
    Orphan reaped = orphan(false);
    assertEquals(reaped.runPid(), reaped.parent(), "run is the orphan's subreaper");
    Orphan notReaped = orphan(true);
    assertNotEquals(notReaped.runPid(), notReaped.parent(), "--no-subreaper");
  }

  private record Orphan(long runPid, long parent) {}

  /** The parent the container's orphaned grandchild gets, as seen from inside. */
  private Orphan orphan(boolean noSubreaper) throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("orphan" + noSubreaper)).shell(
        "p=$(sh -c 'sleep 5 >/dev/null 2>&1 & echo $!'); sleep 0.5;"
            + " awk '/^PPid:/ {print $2}' /proc/$p/status; kill $p");
    ArrayNode namespaces = (ArrayNode) b.linux().get("namespaces");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if (namespaces.get(i).get("type").asText().equals("pid")) {
        namespaces.remove(i);
      }
    }
    b.write();
    Path out = tmp.resolve("orphan-out-" + noSubreaper);
    Process run = noSubreaper ? jcrun.start(b.dir, out, "run", "--no-subreaper", "o2")
        : jcrun.start(b.dir, out, "run", "o1");
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, run.exitValue(), Files.readString(out));
    return new Orphan(run.pid(), Long.parseLong(Files.readString(out).strip()));
  }
}
