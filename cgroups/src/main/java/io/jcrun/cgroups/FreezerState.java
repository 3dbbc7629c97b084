package io.jcrun.cgroups;

/** The freezer state of a cgroup, as cgroup v1's {@code freezer.state} names it. */
public enum FreezerState {
  THAWED,
  /** Freezing was asked for and some task is not frozen yet. */
  FREEZING,
  FROZEN,
  /** The cgroup has no freezer (v1 without the freezer controller, or cgroups disabled). */
  UNDEFINED
}
