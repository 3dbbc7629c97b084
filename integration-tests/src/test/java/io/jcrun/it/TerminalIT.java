package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jcrun run} in a terminal with process.terminal: the process gets a pty of its own. */
class TerminalIT {
  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) from bsdutils");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  @Test
  void givesTheProcessAPtyWithTheCallersWindowSize() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("tty; stty size; exit 3");
    b.process().put("terminal", true);
    b.write();
    String inner = "stty cols 100 rows 40; " + String.join(" ", jcrun.command("run", "t1"));
    // script(1) puts jcrun on a pty, as an interactive shell would.
    Process p = new ProcessBuilder("script", "-qec", inner, "/dev/null")
        .directory(b.dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(3, p.exitValue(), out);
    assertTrue(out.contains("/dev/pts/0\r\n40 100\r\n"), out);
  }
}
