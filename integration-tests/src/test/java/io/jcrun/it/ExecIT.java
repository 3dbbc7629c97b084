package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jcrun exec} into a running container. */
class ExecIT {
  @TempDir Path tmp;
  private Jcrun jcrun;
  private Bundle bundle;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
    bundle = Bundle.busybox(tmp.resolve("b"), "sleep", "120");
    bundle.config.put("hostname", "exec-target");
    bundle.write();
    assertEquals(0, jcrun.run(bundle.dir, "run", "-d", "c1").status());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (jcrun != null) {
      jcrun.run(tmp, "delete", "--force", "c1");
    }
  }

  private long initPid() throws Exception {
    return new ObjectMapper().readTree(jcrun.run(tmp, "state", "c1").out()).get("pid").asLong();
  }

  @Test
  void joinsEveryNamespaceAndTheCgroupAndReturnsTheExitStatus() throws Exception {
    Jcrun.Result r = jcrun.run(tmp, "exec", "c1", "sh", "-c",
        "hostname; for n in mnt net pid; do readlink /proc/self/ns/$n; done; "
            + "grep pids /proc/self/cgroup; exit 7");
    assertEquals(7, r.status(), r.toString());
    long pid = initPid();
    String[] lines = r.out().split("\n");
    assertEquals("exec-target", lines[0]);
    assertEquals(Host.namespace(pid, "mnt"), lines[1]);
    assertEquals(Host.namespace(pid, "net"), lines[2]);
    assertEquals(Host.namespace(pid, "pid"), lines[3]);
    assertTrue(lines[4].endsWith(":pids:/jcrun/c1"), lines[4]);
  }

  @Test
  void appliesTheFlagsOverTheContainersProcess() throws Exception {
    Jcrun.Result r = jcrun.run(tmp, "exec", "--user", "1000:1000", "-g", "5", "--cwd", "/tmp",
        "-e", "EXTRA=1", "c1", "sh", "-c", "id; pwd; echo $EXTRA $PATH");
    assertEquals(0, r.status(), r.toString());
    assertEquals("uid=1000 gid=1000 groups=5\n/tmp\n1 /usr/local/sbin:/usr/local/bin:/usr/sbin:"
        + "/usr/bin:/sbin:/bin\n", r.out());
  }

  @Test
  void runsAProcessFromAJsonFile() throws Exception {
    Path process = tmp.resolve("process.json");
    Files.writeString(process, "{\"args\":[\"/bin/sh\",\"-c\",\"echo from-file $A\"],"
        + "\"env\":[\"A=b\"],\"cwd\":\"/\",\"user\":{\"uid\":0,\"gid\":0}}");
    Jcrun.Result r = jcrun.run(tmp, "exec", "--process", process.toString(), "c1");
    assertEquals(0, r.status(), r.toString());
    assertEquals("from-file b\n", r.out());
  }

  @Test
  void detachesOnceTheProcessRunsAndWritesItsPidFile() throws Exception {
    Path pidFile = tmp.resolve("exec.pid");
    Jcrun.Result r = jcrun.run(tmp, "exec", "-d", "--pid-file", pidFile.toString(), "c1",
        "sleep", "30");
    assertEquals(0, r.status(), r.toString());
    String pid = Files.readString(pidFile);
    assertTrue(pid.matches("[0-9]+"), "pid file holds digits only: [" + pid + "]");
    assertEquals("sleep", Files.readString(Path.of("/proc/" + pid + "/comm")).trim());
    assertEquals(Host.namespace(initPid(), "pid"), Host.namespace(Long.parseLong(pid), "pid"));
  }

  @Test
  void refusesAPausedContainerUnlessAsked() throws Exception {
    assertEquals(0, jcrun.run(tmp, "pause", "c1").status());
    Jcrun.Result r = jcrun.run(tmp, "exec", "c1", "true");
    assertEquals(1, r.status());
    assertEquals("jcrun: cannot exec in a paused container (use --ignore-paused to override)\n",
        r.err());
    assertEquals(0, jcrun.run(tmp, "resume", "c1").status());
  }

  @Test
  void aMissingCommandFailsWithTheExecErrorAndExitOne() throws Exception {
    Jcrun.Result r = jcrun.run(tmp, "exec", "c1", "no-such-command");
    assertEquals(1, r.status());
    assertEquals("jcrun: process.args: exec: \"no-such-command\": executable file not found in"
        + " $PATH\n", r.err());
  }

  /**
   * CVE-2019-5736: while execs come and go, a root process in the container tries to write
   * through /proc/pid/exe of every process it sees. The executor is non-dumpable and runs from
   * a sealed memfd, so nothing is written and the host binary is unchanged.
   */
  @Test
  void aContainerCannotOverwriteTheExecutorThroughProcPidExe() throws Exception {
    Path init = Jcrun.DIST.resolve("libexec/jcrun-init");
    String before = sha256(init);
    Jcrun.Result attacker = jcrun.run(tmp, "exec", "-d", "c1", "sh", "-c",
        "while :; do for p in /proc/[0-9]*; do (echo x >> $p/exe) 2>/dev/null"
            + " && echo WROTE $p >> /tmp/attack; done; done");
    assertEquals(0, attacker.status(), attacker.toString());
    for (int i = 0; i < 10; i++) {
      assertEquals(0, jcrun.run(tmp, "exec", "c1", "true").status());
    }
    assertEquals(before, sha256(init), "the host's jcrun-init changed");
    Jcrun.Result log = jcrun.run(tmp, "exec", "c1", "sh", "-c", "cat /tmp/attack 2>/dev/null");
    assertFalse(log.out().contains("WROTE"), log.out());
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }
}
