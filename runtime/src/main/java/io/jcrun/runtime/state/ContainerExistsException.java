package io.jcrun.runtime.state;

import io.jcrun.runtime.JcrunException;

/** A container with the id already exists: runc's sentinel text. */
public final class ContainerExistsException extends JcrunException {
  private static final long serialVersionUID = 1L;

  public ContainerExistsException(ContainerId id) {
    super("container with given ID already exists");
  }
}
