package io.jcrun.runtime.process;

import io.jcrun.linux.Fd;
import io.jcrun.linux.NamespaceType;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.namespaces.InitProgramRecorder;
import io.jcrun.runtime.config.ProcessConfig;
import io.jcrun.runtime.config.Rlimit;
import io.jcrun.runtime.seccomp.CompiledFilter;
import java.util.Collection;
import java.util.Optional;

/**
 * Compiles the program of {@code exec}: jcrun-init joins every namespace of the running
 * container and clones the new process with CLONE_PARENT (into the pid namespace, a child of
 * jcrun); the process waits for jcrun to put it in the container's cgroup, then takes its
 * identity and execs. Pure.
 */
public final class ExecProgram {
  /**
   * @param consoleSocketFd fd number of a connected console socket, or -1
   * @param consoleToJcrun send the pty master to jcrun (a foreground exec with a terminal)
   */
  public record Inputs(int pid, Collection<NamespaceType> namespaces, boolean userFirst,
      int consoleSocketFd, boolean consoleToJcrun, int preserveFds, int capLastCap) {}

  private ExecProgram() {}

  public static InitProgram compile(ProcessConfig process, Optional<CompiledFilter> seccomp,
      Inputs in) {
    InitProgramRecorder rec = new InitProgramRecorder();
    try {
      Fd console = in.consoleSocketFd() >= 0 ? rec.inherit(in.consoleSocketFd()) : null;
      JoinedProgram.join(rec, in.pid(), in.namespaces(), in.userFirst());
      rec.source("exec");
      rec.cloneChild(CreateProgram.CLONE_PARENT, null);
      // ---- from here on: the new process, in the container's pid namespace ----
      rec.syncWait(InitSync.GO);
      if (process.terminal()) {
        rec.source("process.terminal");
        rec.setsid();
        rec.console(in.consoleToJcrun() ? rec.syncSocket() : console, in.consoleToJcrun() ? 1 : 0,
            process.uid(), process.gid(), process.consoleHeight(), process.consoleWidth());
      }
      if (console != null) {
        console.close();
      }
      for (Rlimit r : process.rlimits()) {
        rec.source("process.rlimits " + r.name());
        rec.setrlimit(r.resource(), r.soft(), r.hard());
      }
      if (process.oomScoreAdj().isPresent()) {
        rec.source("process.oomScoreAdj");
        rec.writeFile(Fd.CWD, "/proc/self/oom_score_adj",
            (process.oomScoreAdj().get() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      rec.source("process.args");
      rec.lookupExec(process.args().getFirst(), process.searchPath());
      Optional<CompiledFilter> filter = NotifyFilter.loadIfNotify(rec, seccomp);
      rec.source("exec");
      rec.syncSend(InitSync.READY);
      rec.closeOnExecFrom(3 + in.preserveFds());
      Fd root = rec.openat(Fd.CWD, "/", io.jcrun.linux.OpenFlags.O_PATH
          | io.jcrun.linux.OpenFlags.O_DIRECTORY, 0);
      new ProcessSetup(rec, rec::source).finish(process, root, true, in.capLastCap(), filter);
    } catch (io.jcrun.linux.SyscallException e) {
      throw new IllegalStateException("the recorder never fails", e);
    }
    return rec.build();
  }
}
