package io.jcrun.runtime;

import static io.jcrun.linux.OpenFlags.O_NONBLOCK;
import static io.jcrun.linux.OpenFlags.O_RDONLY;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupManager;
import io.jcrun.cgroups.FreezerState;
import io.jcrun.linux.Errno;
import io.jcrun.linux.Fd;
import io.jcrun.linux.Signal;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerLock;
import io.jcrun.runtime.state.ContainerNotFoundException;
import io.jcrun.runtime.state.ContainerState;
import io.jcrun.runtime.state.ContainerStatus;
import io.jcrun.runtime.state.ProcessLiveness;
import io.jcrun.runtime.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * start, kill, delete and the status of saved containers. Every verb works from the real
 * process (pid plus start time) and the exec fifo, never from a stored status.
 */
final class Lifecycle {
  private static final short POLLIN = 0x1;
  private static final int DEATH_WAIT_MILLIS = 10_000;

  private final Syscalls sys;
  private final StateStore store;
  private final ProcessLiveness liveness;
  private final ContainerCgroups cgroups;
  private final HookRunner hooks;

  Lifecycle(Syscalls sys, RuntimeOptions options, StateStore store) {
    this.sys = sys;
    this.store = store;
    this.liveness = new ProcessLiveness(options.procRoot());
    this.cgroups = new ContainerCgroups(sys, options);
    this.hooks = new HookRunner(sys, options);
  }

  private static java.util.Map<String, Object> hookState(ContainerState s, String status) {
    return HookRunner.state(s.ociVersion(), s.id(), status,
        status.equals("stopped") ? 0 : s.pid(), s.bundle(), s.annotations());
  }

  ContainerStatus status(ContainerState s) throws JcrunException {
    try {
      if (!liveness.isAlive(s.pid(), s.pidStartTime())) {
        return ContainerStatus.STOPPED;
      }
    } catch (IOException e) {
      throw new JcrunException("read /proc/" + s.pid() + "/stat: " + e.getMessage(), e);
    }
    if (Files.exists(store.root().resolve(s.id()).resolve(StateStore.EXEC_FIFO))) {
      return ContainerStatus.CREATED;
    }
    try {
      if (cgroups.of(s).freezerState() == FreezerState.FROZEN) {
        return ContainerStatus.PAUSED;
      }
    } catch (CgroupException e) {
      throw new JcrunException("read the freezer state of " + s.id() + ": " + e.getMessage(), e);
    }
    return ContainerStatus.RUNNING;
  }

  void start(ContainerId id) throws JcrunException {
    try (ContainerLock lock = store.lock(id)) {
      ContainerState s = store.load(id);
      switch (status(s)) {
        case STOPPED -> throw new JcrunException("cannot start a container that has stopped");
        case RUNNING, PAUSED -> throw new JcrunException("cannot start an already running container");
        case CREATED -> {
          // startContainer hooks run in the container before its process does; a failure
          // stops the start. poststart hooks after, and only warn (runtime-spec).
          hooks.inContainer("startContainer", s.hooks().startContainer(), hookState(s, "created"),
              s.pid(), s.namespaceTypes());
          releaseInit(s);
          hooks.onHostWarning("poststart", s.hooks().poststart(), hookState(s, "running"));
        }
      }
    }
  }

  /**
   * Opens the exec fifo, which lets the blocked init go on to exec, while watching a pidfd of
   * the init so that a dead init fails at once instead of hanging.
   */
  private void releaseInit(ContainerState s) throws JcrunException {
    Path fifo = store.root().resolve(s.id()).resolve(StateStore.EXEC_FIFO);
    try (Fd pidfd = sys.pidfdOpen(s.pid());
        Fd reader = sys.openat(Fd.CWD, fifo.toString(), O_RDONLY | O_NONBLOCK, 0)) {
      for (;;) {
        short[] revents = sys.poll(List.of(reader, pidfd), POLLIN, -1);
        if ((revents[0] & POLLIN) != 0) {
          byte[] b = sys.read(reader, 1);
          if (b.length == 1) {
            break;
          }
        }
        if (revents[1] != 0) {
          throw new JcrunException("the container's init exited before it could be started");
        }
      }
      Files.delete(fifo);
    } catch (SyscallException e) {
      if (e.is(Errno.ESRCH)) {
        throw new JcrunException("cannot start a container that has stopped");
      }
      throw new JcrunException("start: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new JcrunException("remove " + fifo + ": " + e.getMessage(), e);
    }
  }

  /**
   * Signals the init; with {@code all}, or SIGKILL to a container without a pid namespace of
   * its own (whose processes would outlive the init), every process in its cgroup, as runc.
   */
  void kill(ContainerId id, Signal signal, boolean all) throws JcrunException {
    ContainerState s = store.load(id);
    boolean stopped = status(s) == ContainerStatus.STOPPED;
    if (stopped && !all) {
      throw new JcrunException("container not running");
    }
    if (all || (signal.equals(Signal.SIGKILL) && !s.hasPidNamespace())) {
      signalAll(s, signal);
    } else {
      signal(s, signal);
    }
  }

  private void signalAll(ContainerState s, Signal signal) throws JcrunException {
    CgroupManager cgroup = cgroups.of(s);
    try {
      if (signal.equals(Signal.SIGKILL)) {
        cgroup.killAll();
        return;
      }
      for (int pid : cgroup.pids()) {
        try {
          sys.kill(pid, signal);
        } catch (SyscallException e) {
          if (!e.is(Errno.ESRCH)) {
            throw new JcrunException("signal " + signal + " to pid " + pid + ": " + e.getMessage(), e);
          }
        }
      }
    } catch (CgroupException e) {
      throw new JcrunException("signal the processes of " + s.id() + ": " + e.getMessage(), e);
    }
  }

  /** Signals the init through a pidfd taken while its start time still matches: no pid reuse race. */
  private void signal(ContainerState s, Signal signal) throws JcrunException {
    try (Fd pidfd = sys.pidfdOpen(s.pid())) {
      if (!liveness.isAlive(s.pid(), s.pidStartTime())) {
        throw new JcrunException("container not running");
      }
      sys.pidfdSendSignal(pidfd, signal);
    } catch (SyscallException e) {
      if (e.is(Errno.ESRCH)) {
        throw new JcrunException("container not running");
      }
      throw new JcrunException("signal " + signal + " to pid " + s.pid() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new JcrunException("read /proc/" + s.pid() + "/stat: " + e.getMessage(), e);
    }
  }

  void delete(ContainerId id, boolean force) throws JcrunException {
    if (!store.exists(id)) {
      if (force) {
        return;
      }
      throw new ContainerNotFoundException(id);
    }
    try (ContainerLock lock = store.lock(id)) {
      ContainerState s;
      try {
        s = store.load(id);
      } catch (ContainerNotFoundException e) {
        // A directory without state.json: what a killed create leaves; nothing runs from it.
        destroy(id);
        return;
      }
      ContainerStatus status = status(s);
      switch (status) {
        case STOPPED -> { }
        case CREATED -> killAndWait(s);
        case RUNNING, PAUSED -> {
          if (!force) {
            throw new JcrunException("cannot delete container " + id + " that is not stopped: "
                + status.ociName());
          }
          if (status == ContainerStatus.PAUSED) {
            thaw(s);
          }
          killAndWait(s);
        }
      }
      destroy(id);
    } catch (ContainerNotFoundException e) {
      if (!force) {
        throw e;
      }
    }
  }

  /**
   * Removes everything the container had on the host once its init is gone: what is left in
   * its cgroup is killed, the cgroup removed, then the state directory.
   */
  void destroy(ContainerId id) throws JcrunException {
    // Without state.json (a create killed before it saved one) there is no recorded cgroup.
    Optional<ContainerState> saved = store.find(id);
    try {
      if (saved.isPresent()) {
        cgroups.of(saved.get()).destroy();
      }
    } catch (CgroupException e) {
      throw new JcrunException("remove the cgroup of " + id + ": " + e.getMessage(), e);
    }
    store.delete(id);
    if (saved.isPresent()) {
      hooks.onHostWarning("poststop", saved.get().hooks().poststop(),
          hookState(saved.get(), "stopped"));
    }
  }

  private void thaw(ContainerState s) throws JcrunException {
    try {
      cgroups.of(s).thaw();
    } catch (CgroupException e) {
      throw new JcrunException("thaw " + s.id() + ": " + e.getMessage(), e);
    }
  }

  private void killAndWait(ContainerState s) throws JcrunException {
    try (Fd pidfd = sys.pidfdOpen(s.pid())) {
      if (!liveness.isAlive(s.pid(), s.pidStartTime())) {
        return;
      }
      sys.pidfdSendSignal(pidfd, Signal.SIGKILL);
      short[] r = sys.poll(List.of(pidfd), POLLIN, DEATH_WAIT_MILLIS);
      if (r[0] == 0) {
        throw new JcrunException("container init " + s.pid() + " did not die within "
            + DEATH_WAIT_MILLIS / 1000 + " s of SIGKILL");
      }
    } catch (SyscallException e) {
      if (!e.is(Errno.ESRCH)) {
        throw new JcrunException("kill container init " + s.pid() + ": " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new JcrunException("read /proc/" + s.pid() + "/stat: " + e.getMessage(), e);
    }
  }
}
