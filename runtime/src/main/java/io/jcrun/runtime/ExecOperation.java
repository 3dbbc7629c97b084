package io.jcrun.runtime;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.CgroupPaths;
import io.jcrun.cgroups.driver.CgroupfsDriver;
import io.jcrun.linux.Fd;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.linux.WaitStatus;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.config.ProcessConfig;
import io.jcrun.runtime.config.ProcessConverter;
import io.jcrun.runtime.config.SeccompConverter;
import io.jcrun.runtime.process.ConsoleProxy;
import io.jcrun.runtime.process.ExecProgram;
import io.jcrun.runtime.process.InitExecutor;
import io.jcrun.runtime.process.InitSession;
import io.jcrun.runtime.process.InitSync;
import io.jcrun.runtime.process.SeccompAgent;
import io.jcrun.runtime.rootfs.HostInfo;
import io.jcrun.runtime.seccomp.CompiledFilter;
import io.jcrun.runtime.seccomp.SeccompCompiler;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerState;
import io.jcrun.runtime.state.ExecBase;
import io.jcrun.runtime.state.ContainerStatus;
import io.jcrun.runtime.state.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code exec}: a new process in a running container, joined to all its namespaces and its
 * cgroup, a child of this jcrun (CLONE_PARENT). Detached, it returns once the process runs and
 * its pid file is written; otherwise it waits and returns the process's exit status.
 */
final class ExecOperation {
  private final Syscalls sys;
  private final RuntimeOptions options;
  private final StateStore store;
  private final Lifecycle lifecycle;
  private final ContainerCgroups cgroups;

  ExecOperation(Syscalls sys, RuntimeOptions options, StateStore store, Lifecycle lifecycle,
      ContainerCgroups cgroups) {
    this.sys = sys;
    this.options = options;
    this.store = store;
    this.lifecycle = lifecycle;
    this.cgroups = cgroups;
  }

  int exec(ContainerId id, ExecOptions o, RunIo io) throws JcrunException {
    ContainerState s = store.load(id);
    ContainerStatus status = lifecycle.status(s);
    if (status == ContainerStatus.STOPPED) {
      throw new JcrunException("cannot exec in a stopped container");
    }
    if (status == ContainerStatus.PAUSED && !o.ignorePaused()) {
      throw new JcrunException("cannot exec in a paused container (use --ignore-paused to override)");
    }
    ExecBase base = store.execBase(id);
    List<String> warnings = new ArrayList<>();
    ProcessConfig process = ProcessConverter.convert(ExecProcessSpec.build(o, base.process()),
        "process", warnings);
    warnings.forEach(options.warnings());
    if (process.terminal() && o.consoleSocket().isEmpty() && o.detach()) {
      throw new JcrunException("a detached exec with a terminal needs --console-socket");
    }
    Optional<CompiledFilter> seccomp = base.seccomp() == null ? Optional.empty()
        : Optional.of(SeccompCompiler.compile(SeccompConverter.convert(base.seccomp())));
    CgroupManager cgroup = cgroup(s, o.cgroup());
    boolean toJcrun = process.terminal() && o.consoleSocket().isEmpty();
    List<Fd> fds = new ArrayList<>();
    InitSession session = null;
    int pid = 0;
    try {
      if (o.consoleSocket().isPresent()) {
        fds.add(sys.connectUnix(o.consoleSocket().get()));
      }
      InitProgram program = ExecProgram.compile(process, seccomp, new ExecProgram.Inputs(s.pid(),
          s.namespaceTypes(), sys.geteuid() != 0,
          fds.isEmpty() ? -1 : InitExecutor.firstExtraFd(o.preserveFds()), toJcrun,
          o.preserveFds(), HostInfo.probe(options.procRoot()).capLastCap()));
      session = new InitExecutor(sys, options.initBinary()).start(program, o.preserveFds(), fds);
      fds.forEach(Fd::close);
      fds.clear();
      pid = session.awaitChildPid();
      cgroup.addProcess(pid);
      session.send(InitSync.GO);
      int processPid = pid;
      InitSession init = session;
      session.await(InitSync.READY, "the exec process to be set up", (name, fd) -> {
        Map<String, Object> state = new LinkedHashMap<>(HookRunner.state(s.ociVersion(), s.id(),
            status.ociName(), s.pid(), s.bundle(), s.annotations()));
        SeccompAgent.send(sys, base.seccomp().listenerPath(), fd,
            base.seccomp().listenerMetadata() == null ? "" : base.seccomp().listenerMetadata(), state,
            processPid);
        init.send(InitSync.SECCOMP_DONE);
      }, code -> {
        throw new JcrunException("unexpected sync " + code + " from the exec process");
      });
      Fd console = session.console();
      try (SignalForwarder signals = o.detach() ? null : new SignalForwarder(sys, pid);
          ConsoleProxy proxy = console == null || o.detach() ? null
              : new ConsoleProxy(sys, console, sys.borrow(io.stdin()), sys.borrow(io.stdout()))) {
        if (proxy != null) {
          proxy.start();
          signals.onWindowChange(proxy::copyWindowSize);
        }
        session.awaitExec();
        if (o.pidfdSocket().isPresent()) {
          PidfdSocket.send(sys, o.pidfdSocket().get(), pid, "setns");
        }
        if (o.pidFile().isPresent()) {
          PidFile.write(o.pidFile().get(), pid);
        }
        if (o.detach()) {
          return 0;
        }
        WaitStatus ws = sys.waitpid(pid, 0);
        return ws.shellStatus();
      }
    } catch (SyscallException e) {
      kill(pid);
      throw new JcrunException("exec: " + e.getMessage(), e);
    } catch (IOException e) {
      kill(pid);
      throw new JcrunException("exec: " + e.getMessage(), e);
    } catch (JcrunException | RuntimeException e) {
      kill(pid);
      throw e;
    } finally {
      fds.forEach(Fd::close);
      if (session != null) {
        session.close();
      }
    }
  }

  /** The container's cgroup, or its sub-cgroup {@code sub} ({@code --cgroup}). */
  private CgroupManager cgroup(ContainerState s, Optional<String> sub) throws JcrunException {
    if (sub.isEmpty() || s.cgroupPaths().isEmpty()) {
      return cgroups.of(s);
    }
    String path = sub.get().contains(":") ? sub.get().substring(sub.get().indexOf(':') + 1)
        : sub.get();
    if (path.contains("..")) {
      throw new JcrunException("--cgroup: \"" + sub.get() + "\" leaves the container's cgroup");
    }
    Map<String, String> paths = new LinkedHashMap<>();
    s.cgroupPaths().forEach((k, v) -> paths.put(k, v + "/" + path));
    try {
      CgroupManager m = CgroupfsDriver.open(CgroupPaths.fromMap(paths), options.cgroupRoot(), sys);
      if (!m.exists()) {
        throw new JcrunException("--cgroup: sub-cgroup \"" + path + "\" does not exist");
      }
      return m;
    } catch (CgroupException e) {
      throw new JcrunException("--cgroup " + sub.get() + ": " + e.getMessage(), e);
    }
  }

  private void kill(int pid) {
    if (pid > 0) {
      try {
        sys.kill(pid, io.jcrun.linux.Signal.SIGKILL);
        sys.waitpid(pid, 0);
      } catch (SyscallException e) {
        if (!e.is(io.jcrun.linux.Errno.ESRCH) && !e.is(io.jcrun.linux.Errno.ECHILD)) {
          options.warnings().accept("clean up exec process " + pid + ": " + e.getMessage());
        }
      }
    }
  }
}
