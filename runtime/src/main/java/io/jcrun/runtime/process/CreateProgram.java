package io.jcrun.runtime.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.Fd;
import io.jcrun.linux.NamespaceType;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.Prctl;
import io.jcrun.namespaces.IdMapping;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.namespaces.InitProgramRecorder;
import io.jcrun.namespaces.NamespaceAction;
import io.jcrun.runtime.config.ContainerConfig;
import io.jcrun.runtime.config.HooksConfig;
import io.jcrun.runtime.config.Rlimit;
import io.jcrun.runtime.rootfs.HostInfo;
import io.jcrun.runtime.rootfs.RootfsSetup;
import io.jcrun.runtime.seccomp.CompiledFilter;
import io.jcrun.runtime.seccomp.SeccompCompiler;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the program that creates a container: jcrun-init joins and creates namespaces and
 * clones the init; the init waits for jcrun to write its id maps and cgroups, prepares the
 * rootfs, reports READY, blocks on exec.fifo until {@code start}, then becomes the process.
 * Pure: the same config and host give the same program.
 */
public final class CreateProgram {
  /** CLONE_PARENT: the init becomes a child of jcrun, not of jcrun-init. */
  static final long CLONE_PARENT = 0x00008000L;

  /**
   * Where jcrun hands jcrun-init its fds, and how the container is to be started.
   *
   * @param stateDirFd fd number of the container's state directory (for exec.fifo)
   * @param consoleSocketFd fd number of a connected console socket, or -1
   * @param consoleToJcrun send the pty master to jcrun over the sync socket (foreground run)
   * @param preserveFds how many fds from 3 up pass to the container
   * @param cgroupDirs the container's cgroup directories on the host
   * @param sessionKeyring the name of the container's own session keyring, or empty to keep
   *     the caller's ({@code --no-new-keyring})
   * @param setgroupsAllowed false in a user namespace whose setgroups jcrun had to deny (an
   *     unprivileged jcrun mapping only its own ids)
   */
  public record Inputs(int stateDirFd, int consoleSocketFd, boolean consoleToJcrun,
      int preserveFds, boolean noPivot, java.util.Collection<String> cgroupDirs,
      java.util.Optional<String> sessionKeyring, boolean setgroupsAllowed) {}

  private CreateProgram() {}

  public static InitProgram compile(ContainerConfig config, HostInfo host, Inputs in) {
    InitProgramRecorder rec = new InitProgramRecorder();
    try {
      record(rec, config, host, in);
    } catch (io.jcrun.linux.SyscallException e) {
      throw new IllegalStateException("the recorder never fails", e);
    }
    return rec.build();
  }

  private static void record(InitProgramRecorder rec, ContainerConfig config, HostInfo host,
      Inputs in) throws io.jcrun.linux.SyscallException {
    rec.source("jcrun-init");
    Fd stateDir = rec.inherit(in.stateDirFd());
    Fd console = in.consoleSocketFd() >= 0 ? rec.inherit(in.consoleSocketFd()) : null;
    Optional<Integer> oom = config.process().oomScoreAdj();
    if (oom.isPresent()) {
      rec.source("process.oomScoreAdj");
      rec.writeFile(Fd.CWD, "/proc/self/oom_score_adj", (oom.get() + "\n").getBytes(UTF_8));
    }
    for (NamespaceAction.Join j : config.namespaces().joins()) {
      rec.source("linux.namespaces " + j.type().ociName() + " " + j.path());
      try (Fd ns = rec.openat(Fd.CWD, j.path(), OpenFlags.O_RDONLY, 0)) {
        rec.setns(ns, j.type());
      }
    }
    long cloneFlags = config.namespaces().cloneFlags();
    if (config.namespaces().creates(NamespaceType.TIME)) {
      // A time namespace takes its offsets before any process enters it: unshare here, write
      // them, and the cloned init is the first member.
      rec.source("linux.timeOffsets");
      rec.unshare(NamespaceType.TIME.cloneFlag());
      if (!config.timeOffsets().isEmpty()) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, long[]> e : config.timeOffsets().entrySet()) {
          sb.append(e.getKey()).append(' ').append(e.getValue()[0]).append(' ')
              .append(e.getValue()[1]).append('\n');
        }
        rec.writeFile(Fd.CWD, "/proc/self/timens_offsets", sb.toString().getBytes(UTF_8));
      }
      cloneFlags &= ~NamespaceType.TIME.cloneFlag();
    }
    rec.source("linux.namespaces");
    rec.cloneChild(cloneFlags | CLONE_PARENT, null);
    // ---- from here on: the container init ----
    rec.syncWait(InitSync.GO);
    // Non-dumpable from here, once jcrun has written the id maps (a non-dumpable process's
    // /proc files belong to root, which an unprivileged jcrun could not write): nothing in the
    // container may ptrace the init or open its /proc/pid/exe or mem while it holds host fds.
    // execve makes the container's process dumpable again.
    rec.prctl(Prctl.PR_SET_DUMPABLE, 0);
    boolean userns = config.namespaces().creates(NamespaceType.USER);
    if (userns && IdMapping.toHost(config.uidMappings(), 0) >= 0
        && IdMapping.toHost(config.gidMappings(), 0) >= 0) {
      rec.source("linux.uidMappings");
      // Become the namespace's root, so files we create are owned by a mapped id.
      rec.setresgid(0, 0, 0);
      rec.setresuid(0, 0, 0);
      if (in.setgroupsAllowed()) {
        rec.setgroups(new int[0]);
      }
    }
    rec.source("jcrun-init");
    rec.setsid();
    if (in.sessionKeyring().isPresent()) {
      rec.source("--no-new-keyring not given");
      rec.joinSessionKeyring(in.sessionKeyring().get());
    }
    RootfsSetup rootfs = new RootfsSetup(rec, config, host, in.cgroupDirs(), rec::source);
    Fd root = rootfs.prepare();
    HooksConfig hooks = config.hooks();
    if (!hooks.prestart().isEmpty() || !hooks.createRuntime().isEmpty()
        || !hooks.createContainer().isEmpty()) {
      // The runtime environment exists, pivot_root is still to come: the spec's point for
      // prestart, createRuntime and createContainer, which jcrun runs meanwhile.
      rec.source("hooks");
      rec.syncSend(InitSync.HOOKS);
      rec.syncWait(InitSync.HOOKS_DONE);
    }
    Fd newRoot = rootfs.pivot(root, in.noPivot());
    for (Map.Entry<String, String> e : config.sysctl().entrySet()) {
      rec.source("linux.sysctl[\"" + e.getKey() + "\"]");
      rec.writeFile(Fd.CWD, "/proc/sys/" + e.getKey().replace('.', '/'),
          e.getValue().getBytes(UTF_8));
    }
    rootfs.protect(newRoot);
    if (config.hostname().isPresent()) {
      rec.source("hostname");
      rec.sethostname(config.hostname().get());
    }
    if (config.domainname().isPresent()) {
      rec.source("domainname");
      rec.setdomainname(config.domainname().get());
    }
    if (config.process().terminal()) {
      rec.source("process.terminal");
      Fd target = in.consoleToJcrun() ? rec.syncSocket() : console;
      rec.console(target, in.consoleToJcrun() ? 1 : 0, config.process().uid(),
          config.process().gid(), config.process().consoleHeight(),
          config.process().consoleWidth());
    }
    if (console != null) {
      console.close();
    }
    for (Rlimit r : config.process().rlimits()) {
      rec.source("process.rlimits " + r.name());
      rec.setrlimit(r.resource(), r.soft(), r.hard());
    }
    rec.source("process.args");
    rec.lookupExec(config.process().args().getFirst(), config.process().searchPath());
    Optional<CompiledFilter> seccomp =
        NotifyFilter.loadIfNotify(rec, config.seccomp().map(SeccompCompiler::compile));
    rec.source("jcrun-init");
    rec.syncSend(InitSync.READY);
    rec.waitExecFifo(stateDir, "exec.fifo");
    stateDir.close();
    rec.closeOnExecFrom(3 + in.preserveFds());
    new ProcessSetup(rec, rec::source).finish(config.process(), newRoot, in.setgroupsAllowed(),
        host.capLastCap(), seccomp);
  }
}
