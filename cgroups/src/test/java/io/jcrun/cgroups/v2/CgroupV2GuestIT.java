package io.jcrun.cgroups.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcrun.cgroups.ConsoleTestRunner;
import io.jcrun.linux.LinuxSyscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link CgroupV2IT} where this host cannot run it: on a hybrid or v1 host it skips itself, so
 * this test runs it inside the KVM guest of {@code vm-run.sh} (a pure cgroup v2 hierarchy) with
 * this JVM's test classpath and {@link ConsoleTestRunner}. The guest sees the host's files
 * read-only, so nothing is copied.
 */
class CgroupV2GuestIT {
  private static final List<Path> VM_RUN = List.of(
      Path.of(System.getProperty("user.dir"), "../../shared/tools/vm-run.sh"),
      Path.of("/work/shared/tools/vm-run.sh"));

  @Test
  void theV2ManagerPassesItsIntegrationTestsOnAPureV2Host() throws Exception {
    assumeTrue(LinuxSyscalls.load().geteuid() == 0, "needs root");
    assumeTrue(!Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")),
        "/sys/fs/cgroup is cgroup2 here: CgroupV2IT runs on this host directly");
    assumeTrue(Files.exists(Path.of("/dev/kvm")), "no /dev/kvm: the cgroup v2 guest cannot run");
    Path vmRun = VM_RUN.stream().filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(vmRun != null, "vm-run.sh not found at " + VM_RUN);
    // Failsafe's own JVM may see only a manifest jar; this property holds the real classpath.
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(vmRun.toString(), "--no-share",
        "--timeout", "900", "--", java.toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-cp", classpath,
        ConsoleTestRunner.class.getName(), CgroupV2IT.class.getName()));
    String out = "";
    int status = -1;
    // The emulated guest soft-locks now and then (vm-run.sh's README): 124/125 is the guest
    // failing, not a result, and earns one retry.
    for (int attempt = 0; attempt < 2 && (status == -1 || status == 124 || status == 125);
        attempt++) {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(20, TimeUnit.MINUTES), "vm-run.sh did not finish");
      status = p.exitValue();
      System.out.println(out);
    }
    assertEquals(0, status, out);
    assertTrue(out.lines().anyMatch(l -> l.matches("[1-9][0-9]* passed, 0 failed, 0 skipped")),
        out);
  }
}
