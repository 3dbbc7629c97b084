package io.jcrun.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jcrun.runtime.ContainerView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A container as runc's {@code state} and {@code list --format json} print it: the field names
 * and order of runc's {@code containerState}, {@code owner} a user name, annotations omitted
 * when empty, pid 0 when stopped.
 */
@JsonPropertyOrder({"ociVersion", "id", "pid", "status", "bundle", "rootfs", "created",
    "annotations", "owner"})
record StateOutput(
    String ociVersion,
    String id,
    int pid,
    String status,
    String bundle,
    String rootfs,
    String created,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
    String owner) {

  static StateOutput of(ContainerView v) {
    return new StateOutput(v.state().ociVersion(), v.state().id(), v.pid(), v.status().ociName(),
        v.state().bundle(), v.state().rootfs(), v.state().created(), v.state().annotations(),
        userName(v.state().ownerUid()));
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
