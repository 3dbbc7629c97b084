package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masked and read-only paths, binds, and mounts that try to leave the rootfs through a symlink. */
class MountsIT {
  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  @Test
  void masksAndProtectsProcPaths() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell(String.join("; ",
        "echo kcore=$(cat /proc/kcore | wc -c)",
        "echo 1 > /proc/sys/kernel/ns_last_pid 2>/dev/null && echo sys-writable || echo sys-read-only",
        "ls /sys/firmware | wc -l"))
        .write();
    Jcrun.Result r = jcrun.run(b.dir, "run", "masked");
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.out().contains("kcore=0\n"), r.toString());
    assertTrue(r.out().contains("sys-read-only\n"), r.toString());
    assertTrue(r.out().endsWith("0\n"), r.toString());
  }

  @Test
  void bindsHostDirectoriesReadOnlyWhenAsked() throws Exception {
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Files.writeString(shared.resolve("file"), "host-data");
    Bundle b = Bundle.busybox(tmp.resolve("b"))
        .shell("cat /data/file; touch /data/new 2>/dev/null && echo writable || echo read-only");
    ObjectNode m = ((ArrayNode) b.config.get("mounts")).addObject();
    m.put("destination", "/data").put("type", "bind").put("source", shared.toString());
    m.putArray("options").add("rbind").add("ro");
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "bind");
    assertEquals(0, r.status(), r.toString());
    assertEquals("host-datread-only\n".replace("datread", "data" + "read"), r.out());
    assertFalse(Files.exists(shared.resolve("new")));
  }

  @Test
  void aSymlinkInTheRootfsNeverSendsAMountOutsideIt() throws Exception {
    Bundle b = Bundle.busybox(tmp.resolve("b")).shell("grep ' /etc/x ' /proc/mounts | wc -l");
    // etc -> / : a naive join would mount on the host's /x.
    Path etc = b.rootfs.resolve("etc");
    Files.walk(etc).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    Files.createSymbolicLink(etc, Path.of("/"));
    String marker = "jcrun-escape-" + ProcessHandle.current().pid();
    ObjectNode m = ((ArrayNode) b.config.get("mounts")).addObject();
    m.put("destination", "/etc/" + marker).put("type", "tmpfs").put("source", "tmpfs");
    String before = Host.mountinfo();
    Jcrun.Result r = jcrun.run(b.write().dir, "run", "escape");
    assertEquals(0, r.status(), r.toString());
    assertFalse(Files.exists(Path.of("/" + marker)), "created /" + marker + " on the host");
    assertEquals(before, Host.mountinfo(), "the host's mounts changed");
    assertTrue(Files.isDirectory(b.rootfs.resolve(marker)), "the target lands inside the rootfs");
  }
}
