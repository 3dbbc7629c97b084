package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unprivileged user runs a busybox container with jcrun: root inside, its own uid outside,
 * state under its XDG_RUNTIME_DIR, no cgroups.
 */
class RootlessIT {
  private static final String USER = "jcrun-rootless";

  @TempDir Path tmp;
  private int uid;
  private int gid;
  private Path runtimeDir;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root to make the test user");
    assumeTrue(Engine.installed("setpriv"), "needs setpriv (util-linux)");
    if (Engine.run(tmp, List.of(), "id", "-u", USER).status() != 0) {
      Engine.Result add = Engine.run(tmp, List.of(), "useradd", "--system", "--no-create-home",
          "--shell", "/usr/sbin/nologin", USER);
      assertEquals(0, add.status(), add.toString());
    }
    uid = Integer.parseInt(Engine.run(tmp, List.of(), "id", "-u", USER).out().strip());
    gid = Integer.parseInt(Engine.run(tmp, List.of(), "id", "-g", USER).out().strip());
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    runtimeDir = Files.createDirectories(tmp.resolve("xdg"));
    Engine.run(tmp, List.of(), "chown", uid + ":" + gid, runtimeDir.toString());
  }

  /** jcrun as the test user, with its own XDG_RUNTIME_DIR and nothing else of root's. */
  private Engine.Result asUser(Path cwd, String... args) throws Exception {
    List<String> cmd = Engine.concat(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
        "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", Jcrun.BINARY.toString()),
        args);
    return Engine.run(cwd, List.of("XDG_RUNTIME_DIR=" + runtimeDir, "HOME=" + runtimeDir),
        cmd.toArray(new String[0]));
  }

  /** A bundle whose config is what `jcrun spec --rootless` writes for the test user. */
  private Bundle rootlessBundle(String script) throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/true");
    Files.delete(b.dir.resolve("config.json"));
    assertEquals(0, Engine.run(b.dir, List.of(), "chown", Integer.toString(uid),
        b.dir.toString()).status());
    Engine.Result spec = asUser(b.dir, "spec", "--rootless");
    assertEquals(0, spec.status(), spec.toString());
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(b.dir.resolve("config.json").toFile());
    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false);
    process.putArray("args").add("sh").add("-c").add(script);
    json.writeValue(b.dir.resolve("config.json").toFile(), config);
    return b;
  }

  @Test
  void runsABusyboxContainerAsRootInsideAndItsOwnUidOutside() throws Exception {
    Bundle b = rootlessBundle("id -u; id -g; awk '{print $1, $2, $3}' /proc/self/uid_map");
    Engine.Result r = asUser(b.dir, "run", "rl1");
    assertEquals(0, r.status(), r.toString());
    assertEquals("0\n0\n0 " + uid + " 1\n", r.out());
    assertTrue(Files.isDirectory(runtimeDir.resolve("jcrun")), "state under XDG_RUNTIME_DIR");
  }

  @Test
  void theContainersProcessesBelongToTheUserOnTheHost() throws Exception {
    Bundle b = rootlessBundle("sleep 60");
    assertEquals(0, asUser(b.dir, "run", "-d", "rl2").status());
    try {
      Engine.Result state = asUser(tmp, "state", "rl2");
      assertEquals(0, state.status(), state.toString());
      long pid = new ObjectMapper().readTree(state.out()).get("pid").asLong();
      String status = Files.readString(Path.of("/proc/" + pid + "/status"));
      String uids = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
      assertEquals("Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid, uids);
    } finally {
      asUser(tmp, "delete", "--force", "rl2");
    }
  }

  @Test
  void aRootConfigIsRefusedWithAClearReason() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/true").write();
    Engine.Result r = asUser(b.dir, "run", "rl3");
    assertEquals(1, r.status(), r.toString());
    assertEquals("jcrun: linux.namespaces: running as uid " + uid + " needs a new user namespace"
        + " (`jcrun spec --rootless` writes such a config)\n", r.out());
  }
}
