package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jcrun run} in the foreground: exit status, stdio, the two ways to name a bundle. */
class RunIT {
  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  @Test
  void exitsWithTheContainersStatusAndRemovesItsState() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/sh", "-c", "exit 42").write();
    Jcrun.Result r = jcrun.run(b.dir, "run", "c42");
    assertEquals(42, r.status(), r.toString());
    assertFalse(Files.exists(jcrun.root().resolve("c42")), "state directory left behind");
  }

  @Test
  void exitsWith128PlusTheSignalThatKilledIt() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "sleep", "60").write();
    Path out = tmp.resolve("out");
    Process run = jcrun.start(b.dir, out, "run", "c137");
    awaitStatus("c137", "running");
    Jcrun.Result kill = jcrun.run(b.dir, "kill", "c137", "KILL");
    assertEquals(0, kill.status(), kill.toString());
    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, run.exitValue(), Files.readString(out));
    assertFalse(Files.exists(jcrun.root().resolve("c137")));
  }

  @Test
  void passesStdioStraightThrough() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("cat; echo to-stderr >&2").write();
    Path in = tmp.resolve("in");
    Files.writeString(in, "from-stdin\n");
    ProcessBuilder pb = new ProcessBuilder(jcrun.command("run", "cio")).directory(b.dir.toFile());
    pb.redirectInput(in.toFile());
    Process p = pb.start();
    String stdout = new String(p.getInputStream().readAllBytes());
    String stderr = new String(p.getErrorStream().readAllBytes());
    assertEquals(0, p.waitFor());
    assertEquals("from-stdin\n", stdout);
    assertEquals("to-stderr\n", stderr);
  }

  @Test
  void takesABundlePathInsteadOfAnId() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("some/bundle"), "/bin/sh", "-c", "echo path-form")
        .write();
    Jcrun.Result r = jcrun.run(tmp, "run", "some/bundle/");
    assertEquals(0, r.status(), r.toString());
    assertEquals("path-form\n", r.out());
    try (var left = Files.list(jcrun.root())) {
      assertEquals(0, left.count(), "state left behind");
    }
  }

  @Test
  void takesTheBundleFromTheFlagOrTheCurrentDirectory() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/echo", "runc-form").write();
    Jcrun.Result fromFlag = jcrun.run(tmp, "run", "--bundle", b.dir.toString(), "flag");
    assertEquals("runc-form\n", fromFlag.out(), fromFlag.toString());
    Jcrun.Result fromCwd = jcrun.run(b.dir, "run", "cwd");
    assertEquals("runc-form\n", fromCwd.out(), fromCwd.toString());
  }

  private void awaitStatus(String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      Jcrun.Result r = jcrun.run(tmp, "state", id);
      last = r.toString();
      if (r.status() == 0 && r.out().contains("\"status\": \"" + status + "\"")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("container " + id + " never reached " + status + ": " + last);
  }
}
