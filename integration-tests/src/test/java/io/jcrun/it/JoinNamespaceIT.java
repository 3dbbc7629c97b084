package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container joins the namespaces of another one by path, as pods share a network. */
class JoinNamespaceIT {
  @TempDir Path tmp;
  private Jcrun jcrun;

  @BeforeEach
  void setUp() {
    assumeTrue(Host.isRoot(), "needs root");
    jcrun = new Jcrun(tmp.resolve("state"));
  }

  @Test
  void joinsTheNetworkIpcAndUtsNamespacesOfAnotherContainer() throws Exception {
    Bundle first = Bundle.busybox(tmp.resolve("first"), "sleep", "60");
    first.config.put("hostname", "shared-host");
    first.write();
    assertEquals(0, jcrun.run(first.dir, "run", "--detach", "first").status());
    try {
      long pid = new ObjectMapper().readTree(jcrun.run(tmp, "state", "first").out())
          .get("pid").asLong();
      Bundle second = Bundle.busybox(tmp.resolve("second")).shell("hostname; readlink /proc/self/ns/net");
      second.config.remove("hostname");
      ArrayNode ns = second.linux().putArray("namespaces");
      ns.addObject().put("type", "pid");
      ns.addObject().put("type", "mount");
      for (String[] t : new String[][] {{"network", "net"}, {"ipc", "ipc"}, {"uts", "uts"}}) {
        ns.addObject().put("type", t[0]).put("path", "/proc/" + pid + "/ns/" + t[1]);
      }
      Jcrun.Result r = jcrun.run(second.write().dir, "run", "second");
      assertEquals(0, r.status(), r.toString());
      assertEquals("shared-host\n" + Host.namespace(pid, "net") + "\n", r.out());
    } finally {
      jcrun.run(tmp, "delete", "--force", "first");
    }
  }
}
