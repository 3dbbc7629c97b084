package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Capability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Docker with jcrun added as a runtime ({@code dockerd --add-runtime jcrun=...}), a dockerd the
 * test starts with its state in a temp dir; and Testcontainers against that dockerd.
 */
class DockerIT {
  private static final String IMAGE = "jcrun-busybox:test";

  @TempDir static Path tmp;
  private static Engine dockerd;
  private static Path socket;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    assumeTrue(Engine.installed("dockerd") && Engine.installed("docker"), "needs docker.io");
    // Fixed, so that Testcontainers can be told where it is (DOCKER_HOST, see the pom).
    socket = Path.of("/run/jcrun-it-docker/docker.sock");
    java.nio.file.Files.createDirectories(socket.getParent());
    java.nio.file.Files.deleteIfExists(socket);
    dockerd = Engine.start(tmp.resolve("dockerd.log"), socket, "dockerd", "--data-root",
        tmp.resolve("data").toString(), "--exec-root", tmp.resolve("exec").toString(), "-H",
        "unix://" + socket, "--pidfile", tmp.resolve("docker.pid").toString(),
        "--iptables=false", "--bridge=none", "--exec-opt", "native.cgroupdriver=cgroupfs",
        "--add-runtime", "jcrun=" + Jcrun.BINARY);
    Bundle rootfs = Bundle.busybox(tmp.resolve("rootfs"), "/bin/true");
    Path archive = ImageArchives.dockerSave(tmp.resolve("archive"), rootfs.rootfs, IMAGE);
    Engine.Result load = docker("load", "-i", archive.toString());
    assertEquals(0, load.status(), load.toString());
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (dockerd != null) {
      dockerd.close();
    }
  }

  private static Engine.Result docker(String... args) throws Exception {
    List<String> cmd = Engine.concat(List.of("docker", "-H", "unix://" + socket), args);
    return Engine.run(tmp, List.of(), cmd.toArray(new String[0]));
  }

  @Test
  void runExecStopKillMemoryReadOnlyAndRm() throws Exception {
    Engine.Result r = docker("run", "--rm", "--runtime", "jcrun", IMAGE, "sh", "-c",
        "echo via-jcrun; exit 5");
    assertEquals(5, r.status(), r.toString());
    assertTrue(r.out().contains("via-jcrun"), r.out());
    Engine.Result run = docker("run", "-d", "--name", "d1", "--runtime", "jcrun", "--memory",
        "64m", "--read-only", IMAGE, "sleep", "300");
    assertEquals(0, run.status(), run.toString());
    try {
      Engine.Result exec = docker("exec", "d1", "sh", "-c",
          "touch /x 2>&1; cat /sys/fs/cgroup/memory/memory.limit_in_bytes");
      assertEquals(0, exec.status(), exec.toString());
      assertTrue(exec.out().contains("Read-only file system"), exec.out());
      assertTrue(exec.out().contains(String.valueOf(64 << 20)), exec.out());
      assertEquals(0, docker("stop", "-t", "1", "d1").status());
      assertEquals("exited", docker("inspect", "-f", "{{.State.Status}}", "d1").out().strip());
      assertEquals(0, docker("start", "d1").status());
      assertEquals(0, docker("kill", "d1").status());
      assertEquals("137", docker("inspect", "-f", "{{.State.ExitCode}}", "d1").out().strip());
    } finally {
      assertEquals(0, docker("rm", "-f", "d1").status());
    }
  }

  /**
   * A Testcontainers container on jcrun with what a CI job running containers inside one
   * needs; full --privileged fails on this machine with every runtime (no CAP_SYS_RESOURCE),
   * so the capabilities are added one by one.
   */
  @Test
  void testcontainersStartsAContainerThatCanRunContainersInside() throws Exception {
    assumeTrue(("unix://" + socket).equals(System.getenv("DOCKER_HOST")),
        "DOCKER_HOST must point at the test's dockerd (the pom sets it)");
    StringBuilder logs = new StringBuilder();
    try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withCommand("sh", "-c", "mkdir -p /m && mount -t tmpfs t /m && echo mounted;"
            + " unshare -m -p -f --mount-proc true && echo nested-namespaces-ok; sleep 300")
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withRuntime("jcrun")
            .withCapAdd(Capability.SYS_ADMIN, Capability.NET_ADMIN, Capability.SYS_PTRACE,
                Capability.MKNOD, Capability.SETFCAP)
            .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined")))
        .withLogConsumer((OutputFrame f) -> logs.append(f.getUtf8String()))
        .waitingFor(Wait.forLogMessage(".*nested-namespaces-ok.*", 1)
            .withStartupTimeout(Duration.ofSeconds(60)))) {
      c.start();
      assertTrue(c.isRunning());
      assertTrue(logs.toString().contains("mounted"), logs.toString());
      assertEquals("jcrun", c.getContainerInfo().getHostConfig().getRuntime());
    }
  }
}
