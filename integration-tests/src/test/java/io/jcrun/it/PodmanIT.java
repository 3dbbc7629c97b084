package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podman with jcrun as its OCI runtime (through conmon), storage in a temp dir, the cgroupfs
 * manager, the file events backend and no network, as this machine needs.
 */
class PodmanIT {
  @TempDir static Path tmp;
  private static List<String> env;
  private static Bundle rootfs;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    assumeTrue(Engine.installed("podman") && Engine.installed("conmon"), "needs podman and conmon");
    Path conf = tmp.resolve("containers.conf");
    // podman asks for JSON errors only from runtimes it knows; its default ulimits need
    // CAP_SYS_RESOURCE, which this machine lacks (with every runtime).
    Files.writeString(conf, """
        [containers]
        default_ulimits = []
        [engine]
        runtime_supports_json = ["crun", "runc", "jcrun"]
        events_logger = "file"
        cgroup_manager = "cgroupfs"
        """);
    env = List.of("CONTAINERS_CONF=" + conf);
    rootfs = Bundle.busybox(tmp.resolve("rootfs"), "/bin/true");
  }

  private static Engine.Result podman(String... args) throws Exception {
    List<String> cmd = Engine.concat(List.of("podman", "--root", tmp.resolve("storage").toString(),
        "--runroot", tmp.resolve("run").toString(), "--runtime", Jcrun.BINARY.toString(),
        "--cgroup-manager=cgroupfs", "--events-backend=file"), args);
    return Engine.run(tmp, env, cmd.toArray(new String[0]));
  }

  @Test
  void runsARootfsAndPropagatesTheExitCode() throws Exception {
    Engine.Result r = podman("run", "--rm", "--network", "none", "--rootfs",
        rootfs.rootfs.toString(), "/bin/sh", "-c", "echo via-jcrun; exit 42");
    assertEquals(42, r.status(), r.toString());
    assertTrue(r.out().contains("via-jcrun"), r.out());
  }

  @Test
  void detachExecLimitsPauseUpdateStopAndRemove() throws Exception {
    Engine.Result run = podman("run", "-d", "--name", "p1", "--network", "none", "--memory",
        "64m", "--pids-limit", "20", "--rootfs", rootfs.rootfs.toString(), "sleep", "300");
    assertEquals(0, run.status(), run.toString());
    String id = run.out().strip();
    try {
      Engine.Result exec = podman("exec", "p1", "sh", "-c", "echo in-exec; cat /proc/1/cmdline");
      assertEquals(0, exec.status(), exec.toString());
      assertTrue(exec.out().startsWith("in-exec\nsleep"), exec.out());
      Path pids = Path.of("/sys/fs/cgroup/pids/libpod_parent/libpod-" + id + "/pids.max");
      assertEquals("20", Files.readString(pids).trim());
      Path memory = Path.of("/sys/fs/cgroup/memory/libpod_parent/libpod-" + id
          + "/memory.limit_in_bytes");
      assertEquals(String.valueOf(64 << 20), Files.readString(memory).trim());
      assertEquals(0, podman("pause", "p1").status());
      assertTrue(podman("inspect", "-f", "{{.State.Status}}", "p1").out().startsWith("paused"));
      assertEquals(0, podman("unpause", "p1").status());
      assertTrue(podman("inspect", "-f", "{{.State.Status}}", "p1").out().startsWith("running"));
      Engine.Result update = podman("update", "--memory", "96m", "p1");
      assertEquals(0, update.status(), update.toString());
      assertEquals(String.valueOf(96 << 20), Files.readString(memory).trim());
      assertEquals(0, podman("stop", "-t", "1", "p1").status());
      assertTrue(podman("inspect", "-f", "{{.State.Status}}", "p1").out().startsWith("exited"));
    } finally {
      assertEquals(0, podman("rm", "-f", "p1").status());
    }
    assertTrue(!Files.exists(Path.of("/sys/fs/cgroup/pids/libpod_parent/libpod-" + id)));
  }

  @Test
  void killsWithASignal() throws Exception {
    assertEquals(0, podman("run", "-d", "--name", "p2", "--network", "none", "--rootfs",
        rootfs.rootfs.toString(), "sleep", "300").status());
    try {
      assertEquals(0, podman("kill", "p2").status());
      assertEquals("137", podman("wait", "p2").out().strip());
    } finally {
      podman("rm", "-f", "p2");
    }
  }

  @Test
  void givesATerminalWithDashIt() throws Exception {
    List<String> cmd = Engine.concat(List.of("podman", "--root", tmp.resolve("storage").toString(),
        "--runroot", tmp.resolve("run").toString(), "--runtime", Jcrun.BINARY.toString(),
        "--cgroup-manager=cgroupfs", "--events-backend=file", "run", "--rm", "-it", "--network",
        "none", "--rootfs", rootfs.rootfs.toString(), "sh", "-c", "tty; exit 3"));
    Engine.Result r = Engine.inTerminal(tmp, env, String.join(" ", cmd));
    assertEquals(3, r.status(), r.toString());
    assertTrue(r.out().contains("/dev/pts/0"), r.out());
  }

  @Test
  void runsAnImageLoadedFromATarball() throws Exception {
    Path tar = tmp.resolve("image.tar");
    Engine.Result pack = Engine.run(tmp, List.of(), "sh", "-c",
        "tar -C " + rootfs.rootfs + " -c . > " + tmp.resolve("rootfs.tar"));
    assertEquals(0, pack.status(), pack.toString());
    Engine.Result imported = podman("import", tmp.resolve("rootfs.tar").toString(),
        "localhost/jcrun-busybox:test");
    assertEquals(0, imported.status(), imported.toString());
    assertEquals(0, podman("save", "--format", "oci-archive", "-o", tar.toString(),
        "localhost/jcrun-busybox:test").status());
    assertEquals(0, podman("rmi", "localhost/jcrun-busybox:test").status());
    Engine.Result load = podman("load", "-i", tar.toString());
    assertEquals(0, load.status(), load.toString());
    Engine.Result r = podman("run", "--rm", "--network", "none", "localhost/jcrun-busybox:test",
        "sh", "-c", "echo from-image");
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.out().contains("from-image"), r.out());
  }
}
