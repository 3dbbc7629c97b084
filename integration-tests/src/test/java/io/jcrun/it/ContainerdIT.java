package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * containerd's runc shim (containerd-shim-runc-v2) drives jcrun: {@code ctr run --runc-binary}
 * against a containerd the test starts with its state in a temp dir.
 */
class ContainerdIT {
  private static final String IMAGE = "docker.io/library/jcrun-busybox:test";

  @TempDir static Path tmp;
  private static Engine containerd;
  private static Path socket;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    assumeTrue(Engine.installed("containerd") && Engine.installed("ctr"), "needs containerd");
    socket = tmp.resolve("containerd.sock");
    Path config = tmp.resolve("config.toml");
    Files.writeString(config, "version = 2\nroot = \"" + tmp.resolve("root") + "\"\n"
        + "state = \"" + tmp.resolve("state") + "\"\n[grpc]\n  address = \"" + socket + "\"\n"
        + "[plugins.\"io.containerd.grpc.v1.cri\"]\n  disable = true\n");
    containerd = Engine.start(tmp.resolve("containerd.log"), socket, "containerd", "--config",
        config.toString());
    Bundle rootfs = Bundle.busybox(tmp.resolve("rootfs"), "/bin/true");
    Path archive = ImageArchives.dockerSave(tmp.resolve("archive"), rootfs.rootfs, IMAGE);
    Engine.Result imported = ctr("image", "import", archive.toString());
    assertEquals(0, imported.status(), imported.toString());
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (containerd != null) {
      containerd.close();
    }
  }

  private static Engine.Result ctr(String... args) throws Exception {
    List<String> cmd = Engine.concat(List.of("ctr", "--address", socket.toString()), args);
    return Engine.run(tmp, List.of(), cmd.toArray(new String[0]));
  }

  private static List<String> runArgs(String... rest) {
    return Engine.concat(List.of("run", "--runc-binary", Jcrun.BINARY.toString()), rest);
  }

  @Test
  void runsWithRmAndPropagatesTheExitCode() throws Exception {
    Engine.Result r = ctr(runArgs("--rm", IMAGE, "rm1", "sh", "-c", "echo via-shim; exit 3")
        .toArray(new String[0]));
    assertEquals(3, r.status(), r.toString());
    assertTrue(r.out().contains("via-shim"), r.out());
  }

  @Test
  void aDetachedTaskTakesExecPsPauseResumeKillAndDelete() throws Exception {
    Engine.Result run = ctr(runArgs("-d", IMAGE, "t1", "sleep", "300").toArray(new String[0]));
    assertEquals(0, run.status(), run.toString());
    try {
      Engine.Result exec = ctr("task", "exec", "--exec-id", "e1", "t1", "sh", "-c",
          "echo in-exec; cat /proc/1/cmdline");
      assertEquals(0, exec.status(), exec.toString());
      assertTrue(exec.out().startsWith("in-exec\nsleep"), exec.out());
      Engine.Result tty = Engine.inTerminal(tmp, List.of(), "ctr --address " + socket
          + " task exec -t --exec-id e2 t1 sh -c 'tty; exit 4'");
      assertEquals(4, tty.status(), tty.toString());
      assertTrue(tty.out().contains("/dev/pts/"), tty.out());
      Engine.Result ps = ctr("task", "ps", "t1");
      assertEquals(0, ps.status(), ps.toString());
      assertEquals(2, ps.out().strip().lines().count(), ps.out());
      assertEquals(0, ctr("task", "pause", "t1").status());
      assertTrue(ctr("task", "ls").out().contains("PAUSED"));
      assertEquals(0, ctr("task", "resume", "t1").status());
      assertTrue(ctr("task", "ls").out().contains("RUNNING"));
      assertEquals(0, ctr("task", "kill", "-s", "SIGKILL", "t1").status());
      for (int i = 0; i < 100 && !ctr("task", "ls").out().contains("STOPPED"); i++) {
        Thread.sleep(100);
      }
      assertTrue(ctr("task", "ls").out().contains("STOPPED"));
      assertEquals(0, ctr("task", "delete", "t1").status());
    } finally {
      ctr("task", "delete", "-f", "t1");
      ctr("container", "delete", "t1");
    }
  }

  @Test
  void aDetachedTaskWithATerminal() throws Exception {
    Engine.Result r = Engine.inTerminal(tmp, List.of(), "ctr --address " + socket + " run --rm -t"
        + " --runc-binary " + Jcrun.BINARY + " " + IMAGE + " tty1 sh -c 'tty; exit 6'");
    assertEquals(6, r.status(), r.toString());
    assertTrue(r.out().contains("/dev/pts/0"), r.out());
  }
}
