package io.jcrun.runtime.state;

import io.jcrun.runtime.JcrunException;

/** No container with the id: runc's sentinel text, which the shim matches ("does not exist"). */
public final class ContainerNotFoundException extends JcrunException {
  private static final long serialVersionUID = 1L;

  public ContainerNotFoundException(ContainerId id) {
    super("container does not exist");
  }
}
