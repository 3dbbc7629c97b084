package io.jcrun.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jcrun-init resolves paths inside the rootfs with openat2(RESOLVE_IN_ROOT) and, on kernels
 * without it, with a walk of its own (resolve.c). The C test driver checks the walk against the
 * kernel on a tree of escape attempts; this runs it (no root needed).
 */
class ResolveWalkTest {
  @TempDir Path tmp;

  @Test
  void theFallbackWalkAgreesWithOpenat2AndNeverLeavesTheRoot() throws Exception {
    Path binary = tmp.resolve("resolve_test");
    Process cc = new ProcessBuilder("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-o",
        binary.toString(), "src/test/c/resolve_test.c", "src/main/c/resolve.c")
        .redirectErrorStream(true).start();
    String ccOut = new String(cc.getInputStream().readAllBytes());
    assertEquals(0, cc.waitFor(), ccOut);
    Path scratch = Files.createDirectories(tmp.resolve("tree"));
    Process run = new ProcessBuilder(binary.toString(), scratch.toString())
        .redirectErrorStream(true).start();
    String out = new String(run.getInputStream().readAllBytes());
    assertEquals(0, run.waitFor(), out);
    assertEquals("0 failures", out.strip().lines().reduce((a, b) -> b).orElse(""), out);
  }
}
