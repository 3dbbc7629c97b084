package io.jcrun.runtime;

import io.jcrun.runtime.process.InitSession;
import io.jcrun.runtime.state.ContainerState;

/**
 * A container that {@code create} left blocked on its exec fifo, with the session to its init
 * (a foreground {@code run} keeps it to hear about a failed exec and to get the console).
 */
public record Created(ContainerState state, InitSession session) implements AutoCloseable {
  @Override
  public void close() {
    session.close();
  }
}
