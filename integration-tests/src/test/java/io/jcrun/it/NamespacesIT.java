package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container with every namespace, the user namespace mapping its root to host uid 100000:
 * what it sees inside, and that its namespaces differ from the host's seen from outside.
 */
class NamespacesIT {
  private static final List<String> TYPES =
      List.of("pid", "net", "ipc", "uts", "mnt", "user", "cgroup", "time");

  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  private Bundle allNamespaces(String script) throws Exception {
    // The container's root is host uid 100000: it must be able to reach the rootfs, as with runc.
    java.nio.file.Files.setPosixFilePermissions(tmp,
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell(script).userNamespace(100000)
        .addNamespace("time");
    b.config.put("hostname", "jcrun-ns-test");
    return b.write();
  }

  @Test
  void seesItsOwnWorldInside() throws Exception {
    Bundle b = allNamespaces(String.join("; ",
        "echo id=$(id -u):$(id -g)",
        "echo hostname=$(hostname)",
        "echo uidmap=$(awk '{print $1, $2, $3}' /proc/self/uid_map)",
        "echo procs=$(ls /proc | grep '^[0-9]*$' | tr '\\n' ' ')",
        "grep CapBnd /proc/self/status",
        "echo nofile=$(ulimit -n)",
        "grep ' /proc proc ' /proc/mounts | cut -d' ' -f1-3",
        "grep ' /dev tmpfs ' /proc/mounts | cut -d' ' -f1-3",
        "touch /written 2>&1 || echo rootfs-is-read-only"));
    Jcrun.Result r = jcrun.run(b.dir, "run", "inside");
    assertEquals(0, r.status(), r.toString());
    String out = r.out();
    assertTrue(out.contains("id=0:0\n"), out);
    assertTrue(out.contains("hostname=jcrun-ns-test\n"), out);
    assertTrue(out.contains("uidmap=0 100000 65536\n"), out);
    // Only the container's own processes: the shell (1) and the commands it ran.
    String procs = out.lines().filter(l -> l.startsWith("procs=")).findFirst().orElseThrow();
    assertTrue(procs.startsWith("procs=1 "), procs);
    assertTrue(out.contains("CapBnd:\t0000000020000420\n"), out);
    assertTrue(out.contains("nofile=1024\n"), out);
    assertTrue(out.contains("proc /proc proc\n"), out);
    assertTrue(out.contains("tmpfs /dev tmpfs\n"), out);
    assertTrue(out.contains("Read-only file system"), out);
    assertTrue(out.contains("rootfs-is-read-only\n"), out);
    assertTrue(!Files.exists(b.rootfs.resolve("written")));
  }

  @Test
  void hasNamespacesThatDifferFromTheHostsSeenFromOutside() throws Exception {
    Bundle b = allNamespaces("sleep 60");
    Jcrun.Result run = jcrun.run(b.dir, "run", "--detach", "outside");
    assertEquals(0, run.status(), run.toString());
    try {
      Jcrun.Result state = jcrun.run(b.dir, "state", "outside");
      long pid = new ObjectMapper().readTree(state.out()).get("pid").asLong();
      assertTrue(pid > 0, state.toString());
      for (String type : TYPES) {
        assertNotEquals(Host.namespace(ProcessHandle.current().pid(), type),
            Host.namespace(pid, type), type + " namespace is the host's");
      }
      assertEquals("0 100000 65536", Files.readString(Path.of("/proc/" + pid + "/uid_map"))
          .trim().replaceAll("\\s+", " "));
    } finally {
      assertEquals(0, jcrun.run(b.dir, "delete", "--force", "outside").status());
    }
  }
}
