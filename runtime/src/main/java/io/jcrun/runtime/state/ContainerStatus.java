package io.jcrun.runtime.state;

import java.util.Locale;

/** The OCI lifecycle states jcrun reports, as runc prints them. */
public enum ContainerStatus {
  CREATED, RUNNING, PAUSED, STOPPED;

  /** The spec's lower-case name. */
  public String ociName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
