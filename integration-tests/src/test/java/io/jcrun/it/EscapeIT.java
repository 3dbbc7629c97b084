package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks a hostile image or config could try. Each test fails if the attack works: nothing
 * may land on the host outside the rootfs, and nothing of the host may reach the container.
 */
class EscapeIT {
  @TempDir Path tmp;
  private Jcrun jcrun;
  private Path hostTarget;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
    // A host directory an attack would like to mount over or write into.
    hostTarget = Files.createDirectories(tmp.resolve("host-target"));
    Files.writeString(hostTarget.resolve("secret"), "host-secret");
  }

  private static void replaceWithSymlink(Path path, Path target) throws Exception {
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(path)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } else {
      Files.deleteIfExists(path);
    }
    Files.createSymbolicLink(path, target);
  }

  private void assertHostUntouched() throws Exception {
    try (var files = Files.list(hostTarget)) {
      assertEquals(1, files.count(), "something was created in the host directory");
    }
    assertEquals("host-secret", Files.readString(hostTarget.resolve("secret")));
  }

  @Test
  void mountDestinationsWithDotDotAndSymlinksStayInTheRootfs() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("ls /evil-abs /evil-rel | wc -l");
    Files.createSymbolicLink(b.rootfs.resolve("evil-abs"), hostTarget);
    Files.createSymbolicLink(b.rootfs.resolve("evil-rel"), Path.of("../../../../.." + hostTarget));
    ArrayNode mounts = (ArrayNode) b.config.get("mounts");
    for (String dest : new String[] {"/evil-abs", "/evil-rel", "/../../.." + hostTarget + "/x"}) {
      mounts.addObject().put("destination", dest).put("type", "tmpfs").put("source", "tmpfs");
    }
    String before = Host.mountinfo();
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "e1");
    assertEquals(0, r.status(), r.toString());
    assertEquals(before, Host.mountinfo());
    assertHostUntouched();
    // The symlinks were followed inside the rootfs: the mount points exist there instead.
    assertTrue(Files.isDirectory(b.rootfs.resolve(hostTarget.toString().substring(1))));
  }

  @Test
  void maskedAndReadonlyPathsThroughSymlinksStayInTheRootfs() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("cat /mask-me/secret 2>&1; echo done");
    Files.createSymbolicLink(b.rootfs.resolve("mask-me"), hostTarget);
    Files.createSymbolicLink(b.rootfs.resolve("ro-me"), hostTarget);
    ((ArrayNode) b.linux().get("maskedPaths")).add("/mask-me/secret").add("/mask-me");
    ((ArrayNode) b.linux().get("readonlyPaths")).add("/ro-me");
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "e2");
    assertEquals(0, r.status(), r.toString());
    assertFalse(r.out().contains("host-secret"), r.out());
    assertHostUntouched();
  }

  @Test
  void aCwdCannotReachTheHostThroughSymlinksOrInheritedFds() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("ls");
    ((ObjectNode) b.config.get("root")).put("readonly", false);
    Files.createSymbolicLink(b.rootfs.resolve("cwd-link"), hostTarget);
    b.process().put("cwd", "/cwd-link");
    Jcrun.Result viaLink = jcrun.run(b.write().dir, "run", "e3");
    assertEquals(0, viaLink.status(), viaLink.toString());
    assertFalse(viaLink.out().contains("secret"), viaLink.out());
    // CVE-2024-21626: a cwd of /proc/self/fd/N must never enter a directory the executor holds.
    for (int fd = 0; fd < 24; fd++) {
      b.process().put("cwd", "/proc/self/fd/" + fd);
      Jcrun.Result r = jcrun.run(b.write().dir, "run", "fd" + fd);
      assertFalse(r.out().contains("secret") || r.out().contains("state.json")
          || r.out().contains("exec.fifo"), "cwd /proc/self/fd/" + fd + " reached the host: " + r);
      if (r.status() == 0) {
        fail("cwd /proc/self/fd/" + fd + " was entered: " + r);
      }
    }
    assertHostUntouched();
  }

  private static void fail(String message) {
    throw new AssertionError(message);
  }

  @Test
  void aProcThatIsASymlinkIsRefused() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b"), "/bin/true");
    replaceWithSymlink(b.rootfs.resolve("proc"), hostTarget);
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "e4");
    assertEquals(1, r.status(), r.toString());
    assertTrue(r.err().startsWith("jcrun: mounts[0]: "), r.err());
    assertTrue(r.err().contains("ENOTDIR"), r.err());
    assertHostUntouched();
  }

  @Test
  void aDevNullThatIsNotTheNullDeviceIsNeverUsedToMask() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("wc -c < /etc/passwd");
    // The config keeps the rootfs's own /dev (no tmpfs): the image controls /dev/null.
    ArrayNode mounts = (ArrayNode) b.config.get("mounts");
    for (int i = mounts.size() - 1; i >= 0; i--) {
      if (mounts.get(i).get("destination").asText().startsWith("/dev")) {
        mounts.remove(i);
      }
    }
    Files.createDirectories(b.rootfs.resolve("dev"));
    Files.writeString(b.rootfs.resolve("dev/fake-null"), "not a device");
    b.linux().putArray("maskedPaths").add("/etc/passwd");
    b.write();
    // jcrun binds the real null device over the rootfs's /dev/null before masking, so masking
    // works and uses the real device even when the image plants something else.
    Files.createSymbolicLink(b.rootfs.resolve("dev/null"), Path.of("fake-null"));
    Jcrun.Result r = jcrun.run(b.dir, "run", "e5");
    assertEquals(0, r.status(), r.toString());
    assertEquals("0\n", r.out(), "/etc/passwd is masked with the real null device");
    assertEquals("not a device", Files.readString(b.rootfs.resolve("dev/fake-null")));
    assertHostUntouched();
  }

  @Test
  void anFdLeakedByTheCallerNeverReachesTheContainer() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("ls /proc/self/fd | sort -n | tr '\\n' ' '");
    b.write();
    String cmd = "exec 7<" + hostTarget.resolve("secret") + "; exec 9<" + hostTarget + "; "
        + String.join(" ", jcrun.command("run", "e6"));
    Process p = new ProcessBuilder("sh", "-c", cmd).directory(b.dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out + new String(p.getErrorStream().readAllBytes()));
    // 0-2 are stdio, 3 is ls's own directory fd; nothing else.
    assertEquals("0 1 2 3 ", out);
  }

  @Test
  void preservedFdsAreExactlyTheOnesAskedFor() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("ls /proc/self/fd | sort -n | tr '\\n' ' '; cat <&3");
    b.write();
    String cmd = "exec 3<" + hostTarget.resolve("secret") + "; exec 4<" + hostTarget + "; "
        + String.join(" ", jcrun.command("run", "--preserve-fds", "1", "e7"));
    Process p = new ProcessBuilder("sh", "-c", cmd).directory(b.dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out + new String(p.getErrorStream().readAllBytes()));
    assertEquals("0 1 2 3 4 host-secret", out);
  }
}
