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

/**
 * Bad input gets one line naming the problem, exit status 1, and leaves nothing: no state
 * directory, no mount, no process.
 */
class BadInputIT {
  @TempDir Path tmp;
  private Jcrun jcrun;
  private Bundle bundle;
  private String mountsBefore;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
    bundle = Bundle.busybox(tmp.resolve("b"), "/bin/true");
    mountsBefore = Host.mountinfo();
  }

  private void assertRejected(String expected, String... args) throws Exception {
    Jcrun.Result r = jcrun.run(bundle.dir, args);
    assertEquals(1, r.status(), r.toString());
    assertEquals("", r.out(), r.toString());
    assertEquals("jcrun: " + expected + "\n", r.err());
    if (Files.exists(jcrun.root())) {
      try (var left = Files.list(jcrun.root())) {
        assertEquals(0, left.count(), "state left behind");
      }
    }
    assertEquals(mountsBefore, Host.mountinfo(), "mounts changed");
    assertEquals(0, Host.processesWith(bundle.dir.toString()).size(), "processes left behind");
    assertEquals(0, Host.processesWith("jcrun-init").size(), "jcrun-init left behind");
  }

  @Test
  void malformedJson() throws Exception {
    Files.writeString(bundle.dir.resolve("config.json"), "{\"ociVersion\": \"1.2.0\",\n  \"root\": }");
    assertRejected("config.json: malformed JSON at line 2, column 11: unexpected character '}':"
        + " expected a value", "run", "c1");
  }

  @Test
  void unknownNamespaceType() throws Exception {
    ((ObjectNode) ((ArrayNode) bundle.linux().get("namespaces")).get(2)).put("type", "pidd");
    bundle.write();
    assertRejected("linux.namespaces[2].type: \"pidd\" is not one of [user, mount, cgroup, uts,"
        + " ipc, pid, network, time]", "run", "c1");
  }

  @Test
  void relativeMountDestination() throws Exception {
    ((ObjectNode) ((ArrayNode) bundle.config.get("mounts")).get(1)).put("destination", "dev");
    bundle.write();
    assertRejected("mounts[1].destination: \"dev\" is not an absolute path", "run", "c1");
  }

  @Test
  void idWithDotDot() throws Exception {
    bundle.write();
    assertRejected("invalid container id \"..\": use letters, digits and _+.- (not . or ..)",
        "run", "..");
  }

  @Test
  void idWithASlash() throws Exception {
    bundle.write();
    assertRejected("invalid container id \"a/b\": use letters, digits and _+.- (not . or ..)",
        "state", "a/b");
    assertRejected("\"a/b\" names a bundle, and so does --bundle: give one",
        "run", "--bundle", bundle.dir.toString(), "a/b");
  }

  @Test
  void missingRootfs() throws Exception {
    bundle.config.putObject("root").put("path", "no-such-rootfs");
    bundle.write();
    assertRejected("root.path: " + bundle.dir.resolve("no-such-rootfs") + " does not exist",
        "run", "c1");
    assertFalse(Files.exists(jcrun.root().resolve("c1")));
  }

  @Test
  void aSecuritySettingJcrunCannotApplyYet() throws Exception {
    bundle.linux().putObject("personality").put("domain", "LINUX");
    bundle.write();
    assertRejected("linux.personality: not supported by jcrun yet", "run", "c1");
  }

  @Test
  void aMissingProgramFailsCreateNotStart() throws Exception {
    bundle.args("/no/such/program").write();
    Jcrun.Result r = jcrun.run(bundle.dir, "run", "c1");
    assertEquals(1, r.status(), r.toString());
    assertTrue(r.err().startsWith("jcrun: process.args: exec: \"/no/such/program\": stat"),
        r.err());
    assertEquals(0, Host.processesWith("jcrun-init").size());
  }
}
