package io.jcrun.runtime.process;

/** The sync codes of the create protocol (values of SYNC messages, see {@code sync.h}). */
public final class InitSync {
  /** jcrun → init: uid/gid maps and cgroups are in place; go on. */
  public static final int GO = 1;
  /** init → jcrun: the container is set up; the init now waits on exec.fifo. */
  public static final int READY = 2;
  /** jcrun → init: the seccomp listener fd has been handed to the agent. */
  public static final int SECCOMP_DONE = 3;
  /** init → jcrun: the rootfs is prepared; run prestart, createRuntime, createContainer hooks. */
  public static final int HOOKS = 4;
  /** jcrun → init: the hooks ran; go on to pivot_root. */
  public static final int HOOKS_DONE = 5;
  /** The name the init sends the seccomp notify listener fd under. */
  public static final String SECCOMP_LISTENER = "seccomp-listener";

  private InitSync() {}
}
