package io.jcrun.runtime.process;

import io.jcrun.linux.Fd;
import io.jcrun.linux.NamespaceType;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.Prctl;
import io.jcrun.namespaces.InitProgramRecorder;
import io.jcrun.namespaces.NamespacePlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The start of every program that enters a running container (exec, in-container hooks):
 * open all of its namespaces first (so joining the mount namespace cannot change what the
 * later paths mean), then join them in the order the caller's privileges allow.
 */
final class JoinedProgram {
  private JoinedProgram() {}

  static void join(InitProgramRecorder rec, int pid, Collection<NamespaceType> types,
      boolean userFirst) {
    rec.source("join the namespaces of pid " + pid);
    // Nothing in the container may ptrace or inspect the executor while it holds host fds.
    rec.prctl(Prctl.PR_SET_DUMPABLE, 0);
    List<NamespaceType> order = NamespacePlan.joinOrder(types, userFirst);
    List<Fd> fds = new ArrayList<>();
    for (NamespaceType t : order) {
      fds.add(rec.openat(Fd.CWD, "/proc/" + pid + "/ns/" + t.procName(), OpenFlags.O_RDONLY, 0));
    }
    for (int i = 0; i < order.size(); i++) {
      rec.setns(fds.get(i), order.get(i));
    }
    fds.forEach(Fd::close);
  }
}
