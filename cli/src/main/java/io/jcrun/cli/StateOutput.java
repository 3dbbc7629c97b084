package io.jcrun.cli;

import io.jcrun.runtime.ContainerView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container as runc's {@code state} and {@code list --format json} print it: the field names
 * and order of runc's {@code containerState}, {@code owner} a user name, annotations omitted
 * when empty, pid 0 when stopped.
 */
record StateOutput(
    String ociVersion,
    String id,
    int pid,
    String status,
    String bundle,
    String rootfs,
    String created,
    Map<String, String> annotations,
    String owner) {

  static StateOutput of(ContainerView v) {
    return new StateOutput(v.state().ociVersion(), v.state().id(), v.pid(), v.status().ociName(),
        v.state().bundle(), v.state().rootfs(), v.state().created(), v.state().annotations(),
        userName(v.state().ownerUid()));
  }

  /** runc's {@code containerState} as Go marshals it: its field order, map keys sorted. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ociVersion", ociVersion);
    m.put("id", id);
    m.put("pid", pid);
    m.put("status", status);
    m.put("bundle", bundle);
    m.put("rootfs", rootfs);
    m.put("created", created);
    if (!annotations.isEmpty()) { // omitempty
      m.put("annotations", new TreeMap<>(annotations));
    }
    m.put("owner", owner);
    return m;
  }

  /** The user name of {@code uid} from /etc/passwd, or the number when it has none. */
  static String userName(int uid) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":");
        if (f.length > 2 && f[2].equals(Integer.toString(uid))) {
          return f[0];
        }
      }
    } catch (IOException e) {
      return Integer.toString(uid);
    }
    return Integer.toString(uid);
  }
}
