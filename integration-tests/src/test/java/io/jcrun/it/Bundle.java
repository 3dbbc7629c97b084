package io.jcrun.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test bundle: a rootfs made from the host's static busybox (Debian's busybox-static), and a
 * config.json that starts as {@code jcrun spec} writes it and is edited as a JSON tree.
 */
final class Bundle {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final Path rootfs;
  final ObjectNode config;

  private Bundle(Path dir, ObjectNode config) {
    this.dir = dir;
    this.rootfs = dir.resolve("rootfs");
    this.config = config;
  }

  /** A bundle in {@code dir} with a busybox rootfs and the default config running {@code args}. */
  static Bundle busybox(Path dir, String... args) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path rootfs = dir.resolve("rootfs");
    for (String d : List.of("bin", "proc", "dev", "sys", "tmp", "etc", "root")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Path busybox = rootfs.resolve("bin/busybox");
    Files.copy(Path.of("/bin/busybox"), busybox);
    Process list = new ProcessBuilder(busybox.toString(), "--list").start();
    for (String applet : new String(list.getInputStream().readAllBytes()).split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
      }
    }
    list.waitFor();
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
        + "nobody:x:65534:65534:nobody:/:/bin/false\n");
    Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnobody:x:65534:\n");
    Jcrun.Result spec = new Jcrun(dir.resolve("unused-root")).run(dir, "spec");
    if (spec.status() != 0) {
      throw new IOException("jcrun spec failed: " + spec);
    }
    ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
    Bundle b = new Bundle(dir, config);
    b.process().put("terminal", false);
    b.args(args);
    return b;
  }

  ObjectNode process() {
    return (ObjectNode) config.get("process");
  }

  ObjectNode linux() {
    return (ObjectNode) config.get("linux");
  }

  Bundle args(String... args) {
    ArrayNode a = process().putArray("args");
    for (String s : args) {
      a.add(s);
    }
    return this;
  }

  /** Runs {@code script} with /bin/sh -c. */
  Bundle shell(String script) {
    return args("/bin/sh", "-c", script);
  }

  Bundle addNamespace(String type) {
    ((ArrayNode) linux().get("namespaces")).addObject().put("type", type);
    return this;
  }

  /** Adds a user namespace mapping container ids 0..65535 to host ids from {@code hostId}. */
  Bundle userNamespace(long hostId) {
    addNamespace("user");
    for (String field : List.of("uidMappings", "gidMappings")) {
      linux().putArray(field).addObject().put("containerID", 0).put("hostID", hostId)
          .put("size", 65536);
    }
    return this;
  }

  Bundle set(String field, JsonNode value) {
    config.set(field, value);
    return this;
  }

  /** Writes config.json; returns the bundle. */
  Bundle write() throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
    return this;
  }
}
