package io.jcrun.runtime;

import io.jcrun.linux.Signal;
import io.jcrun.linux.Syscalls;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerState;
import io.jcrun.runtime.state.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The service the CLI calls: one method per lifecycle verb, each delegating to the operation
 * that implements it. Holds no state of its own beyond the options of this invocation.
 */
public final class Containers {
  private final Syscalls sys;
  private final RuntimeOptions options;
  private final StateStore store;
  private final Lifecycle lifecycle;
  private final CgroupOperations cgroupOperations;

  public Containers(Syscalls sys, RuntimeOptions options) {
    this.sys = sys;
    this.options = options;
    this.store = new StateStore(options.stateRoot());
    this.lifecycle = new Lifecycle(sys, options, store);
    this.cgroupOperations =
        new CgroupOperations(store, lifecycle, new ContainerCgroups(sys, options));
  }

  public RuntimeOptions options() {
    return options;
  }

  public Created create(ContainerId id, CreateOptions opts) throws JcrunException {
    return new CreateOperation(sys, options, store).create(id, opts);
  }

  public void start(ContainerId id) throws JcrunException {
    lifecycle.start(id);
  }

  /** A foreground run: create, start, wait; returns the exit status (128+N for signal N). */
  public int run(ContainerId id, CreateOptions opts, RunIo io) throws JcrunException {
    return new RunOperation(sys, this, lifecycle).run(id, opts, io);
  }

  public ContainerView state(ContainerId id) throws JcrunException {
    ContainerState s = store.load(id);
    return new ContainerView(s, lifecycle.status(s));
  }

  /** The bundle a saved container was created from, if it has a saved state. */
  public java.util.Optional<String> bundleOf(ContainerId id) throws JcrunException {
    return store.find(id).map(ContainerState::bundle);
  }

  public List<ContainerView> list() throws JcrunException {
    List<ContainerView> out = new ArrayList<>();
    for (ContainerId id : store.list()) {
      try {
        out.add(state(id));
      } catch (io.jcrun.runtime.state.ContainerNotFoundException e) {
        // Deleted between the listing and the read: not part of the answer.
        continue;
      }
    }
    return out;
  }

  public void kill(ContainerId id, Signal signal, boolean all) throws JcrunException {
    lifecycle.kill(id, signal, all);
  }

  public void delete(ContainerId id, boolean force) throws JcrunException {
    lifecycle.delete(id, force);
  }

  /** Runs a process in the container; returns its exit status, or 0 when detached. */
  public int exec(ContainerId id, ExecOptions options, RunIo io) throws JcrunException {
    return new ExecOperation(sys, this.options, store, lifecycle,
        new ContainerCgroups(sys, this.options)).exec(id, options, io);
  }

  public void pause(ContainerId id) throws JcrunException {
    cgroupOperations.pause(id);
  }

  public void resume(ContainerId id) throws JcrunException {
    cgroupOperations.resume(id);
  }

  /** Applies {@code resources} to a created, running or paused container. */
  public void update(ContainerId id, io.jcrun.cgroups.CgroupResources resources)
      throws JcrunException {
    cgroupOperations.update(id, resources);
  }

  public io.jcrun.cgroups.CgroupStats stats(ContainerId id) throws JcrunException {
    return cgroupOperations.stats(id);
  }

  public long oomKillCount(ContainerId id) throws JcrunException {
    return cgroupOperations.oomKillCount(id);
  }

  public List<Integer> pids(ContainerId id) throws JcrunException {
    return cgroupOperations.pids(id);
  }
}
