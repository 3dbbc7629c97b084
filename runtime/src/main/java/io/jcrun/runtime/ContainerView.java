package io.jcrun.runtime;

import io.jcrun.runtime.state.ContainerState;
import io.jcrun.runtime.state.ContainerStatus;

/** A container's saved state with its status as of now; pid is 0 when stopped, as runc reports. */
public record ContainerView(ContainerState state, ContainerStatus status) {
  public int pid() {
    return status == ContainerStatus.STOPPED ? 0 : state.pid();
  }
}
