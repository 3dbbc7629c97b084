package io.jcrun.runtime;

import static io.jcrun.linux.OpenFlags.O_DIRECTORY;
import static io.jcrun.linux.OpenFlags.O_PATH;

import io.jcrun.cgroups.CgroupManager;
import io.jcrun.linux.Fd;
import io.jcrun.linux.NamespaceType;
import io.jcrun.linux.Signal;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.namespaces.IdMapping;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.config.ContainerConfig;
import io.jcrun.runtime.config.HostChecks;
import io.jcrun.runtime.config.SpecConverter;
import io.jcrun.runtime.process.CreateProgram;
import io.jcrun.runtime.process.InitExecutor;
import io.jcrun.runtime.process.InitSession;
import io.jcrun.runtime.process.InitSync;
import io.jcrun.runtime.process.SeccompAgent;
import io.jcrun.runtime.rootfs.HostInfo;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerState;
import io.jcrun.runtime.state.ExecBase;
import io.jcrun.runtime.state.ProcessLiveness;
import io.jcrun.runtime.state.StateStore;
import io.jcrun.spec.Spec;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create}: reads and converts the bundle's config, checks it against the host, and only
 * then makes the state directory, starts the executor, writes the id maps, waits for READY
 * and saves the state. Any failure removes what was made (process, state directory).
 */
final class CreateOperation {
  private static final DateTimeFormatter RFC3339_NANOS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

  private final Syscalls sys;
  private final RuntimeOptions options;
  private final StateStore store;

  CreateOperation(Syscalls sys, RuntimeOptions options, StateStore store) {
    this.sys = sys;
    this.options = options;
    this.store = store;
  }

  Created create(ContainerId id, CreateOptions opts) throws JcrunException {
    if (options.systemdCgroup()) {
      throw new JcrunException("--systemd-cgroup: the systemd cgroup driver is not supported by"
          + " jcrun; use the cgroupfs driver");
    }
    Path bundle = opts.bundle().toAbsolutePath().normalize();
    Spec spec = load(bundle);
    ContainerConfig config = SpecConverter.convert(spec, bundle);
    HostChecks.check(config);
    config.warnings().forEach(options.warnings());
    if (config.process().terminal() && opts.consoleSocket().isEmpty() && !opts.consoleToJcrun()) {
      throw new JcrunException("process.terminal is set: a console socket (--console-socket)"
          + " is required when jcrun does not stay in the foreground");
    }
    if (options.rootless()) {
      RootlessChecks.check(config, sys.geteuid());
    }
    CgroupManager cgroup = new ContainerCgroups(sys, options).forNew(id, config.cgroupsPath(),
        config.resources());
    UserNamespaceMaps maps = new UserNamespaceMaps(options.procRoot(), sys.geteuid(),
        sys.getegid());
    Path dir = store.create(id);
    int pid = 0;
    List<Fd> fds = new ArrayList<>();
    InitSession session = null;
    boolean cgroupMade = false;
    String created = RFC3339_NANOS.format(Instant.now());
    java.util.function.BiFunction<Integer, Long, ContainerState> state = (initPid, startTime) ->
        new ContainerState(id.value(), config.ociVersion(), initPid, startTime,
            bundle.toString(), config.rootfs().toString(), created, sys.geteuid(),
            config.annotations(), cgroup.paths().asMap(),
            config.namespaces().has(NamespaceType.PID),
            config.namespaces().actions().stream().map(a -> a.type().ociName()).toList(),
            config.hooks());
    try {
      // Saved before anything is made and again once the init has a pid, so that whenever
      // this create dies (SIGKILL included), `delete --force` finds the cgroup and the init.
      store.save(state.apply(0, 0L));
      store.saveExecBase(id, new ExecBase(spec.process(),
          spec.linux() == null ? null : spec.linux().seccomp()));
      cgroup.create();
      cgroupMade = true;
      cgroup.apply(config.resources());
      Fd stateDir = sys.openat(Fd.CWD, dir.toString(), O_PATH | O_DIRECTORY, 0);
      fds.add(stateDir);
      makeFifo(stateDir, config);
      int consoleFd = -1;
      if (opts.consoleSocket().isPresent()) {
        fds.add(sys.connectUnix(opts.consoleSocket().get()));
        consoleFd = InitExecutor.firstExtraFd(opts.preserveFds()) + 1;
      }
      HostInfo host = HostInfo.probe(options.procRoot());
      InitProgram program = CreateProgram.compile(config, host, new CreateProgram.Inputs(
          InitExecutor.firstExtraFd(opts.preserveFds()), consoleFd, opts.consoleToJcrun(),
          opts.preserveFds(), opts.noPivot(), cgroup.paths().asMap().values(),
          opts.noNewKeyring() ? Optional.empty() : Optional.of("_ses." + id.value()),
          maps.setgroupsAllowed(config.uidMappings(), config.gidMappings())));
      session = new InitExecutor(sys, options.initBinary()).start(program, opts.preserveFds(), fds);
      closeAll(fds);
      pid = session.awaitChildPid();
      ContainerState saved = state.apply(pid,
          new ProcessLiveness(options.procRoot()).startTime(pid));
      store.save(saved);
      // The init waits for GO: it is in its final cgroup before it does anything.
      cgroup.addProcess(pid);
      if (config.namespaces().creates(NamespaceType.USER)) {
        maps.write(pid, config.uidMappings(), config.gidMappings());
      }
      session.send(InitSync.GO);
      int initPid = pid;
      InitSession init = session;
      Map<String, Object> creating = HookRunner.state(config.ociVersion(), id.value(), "creating",
          pid, bundle.toString(), config.annotations());
      session.await(InitSync.READY, "the container to be set up", (name, fd) -> {
        if (!name.equals(InitSync.SECCOMP_LISTENER) || config.seccompListenerPath().isEmpty()) {
          fd.close();
          throw new JcrunException("unexpected fd \"" + name + "\" from the container init");
        }
        SeccompAgent.send(sys, config.seccompListenerPath().get(), fd,
            config.seccompListenerMetadata(), creating, initPid);
        init.send(InitSync.SECCOMP_DONE);
      }, code -> {
        if (code != InitSync.HOOKS) {
          throw new JcrunException("unexpected sync " + code + " from the container init");
        }
        HookRunner hooks = new HookRunner(sys, options);
        hooks.onHost("prestart", config.hooks().prestart(), creating);
        hooks.onHost("createRuntime", config.hooks().createRuntime(), creating);
        hooks.inContainer("createContainer", config.hooks().createContainer(), creating, initPid,
            config.namespaces().actions().stream().map(a -> a.type()).collect(
                java.util.stream.Collectors.toSet()));
        init.send(InitSync.HOOKS_DONE);
      });

      if (opts.pidfdSocket().isPresent()) {
        PidfdSocket.send(sys, opts.pidfdSocket().get(), pid, "standard");
      }
      if (opts.pidFile().isPresent()) {
        PidFile.write(opts.pidFile().get(), pid);
      }
      return new Created(saved, session);
    } catch (JcrunException | IOException | RuntimeException e) {
      closeAll(fds);
      abandon(session, pid, e);
      if (cgroupMade) {
        try {
          cgroup.destroy();
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      try {
        store.delete(id);
      } catch (JcrunException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof JcrunException je) {
        throw je;
      }
      throw new JcrunException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static Spec load(Path bundle) throws JcrunException {
    try {
      return SpecMapper.readSpec(bundle.resolve("config.json"));
    } catch (SpecException e) {
      throw new JcrunException(e.getMessage().startsWith("open ") ? e.getMessage()
          : "config.json: " + e.getMessage(), e);
    }
  }

  /** The fifo the init blocks on until start; 0622 and owned by the container's root. */
  private void makeFifo(Fd stateDir, ContainerConfig config) throws SyscallException {
    sys.mkfifoat(stateDir, StateStore.EXEC_FIFO, 0622);
    if (config.namespaces().creates(NamespaceType.USER)) {
      long uid = IdMapping.toHost(config.uidMappings(), 0);
      long gid = IdMapping.toHost(config.gidMappings(), 0);
      if (uid >= 0 && gid >= 0) {
        sys.fchownat(stateDir, StateStore.EXEC_FIFO, (int) uid, (int) gid, 0);
      }
    }
  }

  /** Kills and reaps a half-made container init; a failure to do so joins {@code primary}. */
  private void abandon(InitSession session, int pid, Exception primary) {
    if (pid > 0) {
      try {
        sys.kill(pid, Signal.SIGKILL);
        sys.waitpid(pid, 0);
      } catch (SyscallException e) {
        if (!e.is(io.jcrun.linux.Errno.ESRCH) && !e.is(io.jcrun.linux.Errno.ECHILD)) {
          primary.addSuppressed(e);
        }
      }
    }
    if (session != null) {
      session.close();
    }
  }

  private static void closeAll(List<Fd> fds) {
    for (Fd f : fds) {
      f.close();
    }
  }
}
