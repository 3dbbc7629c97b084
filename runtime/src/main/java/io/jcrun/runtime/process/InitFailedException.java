package io.jcrun.runtime.process;

import io.jcrun.linux.Errno;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.JcrunException;

/**
 * An op of the init program failed inside jcrun-init: the message names the config field the
 * op came from, what it did, and the errno, e.g. {@code mounts[2]: mount("proc", fd 5, "proc",
 * MS_NOSUID, NULL): EPERM (Operation not permitted)}.
 */
public final class InitFailedException extends JcrunException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  public InitFailedException(InitProgram program, int op, int errno, String detail) {
    super(describe(program, op, errno, detail));
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }

  static String describe(InitProgram program, int op, int errno, String detail) {
    StringBuilder sb = new StringBuilder();
    if (op >= 0 && op < program.origins().size()) {
      InitProgram.Origin o = program.origins().get(op);
      if (!o.source().isEmpty()) {
        sb.append(o.source()).append(": ");
      }
      // A detail from jcrun-init (e.g. the exec error) says more than the generic call.
      sb.append(detail == null || detail.isEmpty() ? o.call() : detail);
    } else {
      sb.append(detail == null || detail.isEmpty() ? "jcrun-init" : detail);
    }
    // errno 0: jcrun-init's detail is the whole story (a hook's exit status, an exec error).
    return errno == 0 ? sb.toString() : sb.append(": ").append(Errno.describe(errno)).toString();
  }
}
