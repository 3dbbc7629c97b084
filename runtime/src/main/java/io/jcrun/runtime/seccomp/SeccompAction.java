package io.jcrun.runtime.seccomp;

import java.util.Arrays;

/**
 * A seccomp action as the OCI spec names it ({@code SCMP_ACT_*}), with the filter return value
 * ({@code SECCOMP_RET_*} of linux/seccomp.h) it compiles to.
 */
public enum SeccompAction {
  /** libseccomp's historical name for killing the calling thread. */
  SCMP_ACT_KILL(0x0000_0000),
  SCMP_ACT_KILL_PROCESS(0x8000_0000),
  SCMP_ACT_KILL_THREAD(0x0000_0000),
  SCMP_ACT_TRAP(0x0003_0000),
  /** Fails the syscall with the errno in the low 16 bits (errnoRet, EPERM by default). */
  SCMP_ACT_ERRNO(0x0005_0000),
  /** Hands the syscall to a tracer with errnoRet as the event message (EPERM by default). */
  SCMP_ACT_TRACE(0x7ff0_0000),
  SCMP_ACT_ALLOW(0x7fff_0000),
  SCMP_ACT_LOG(0x7ffc_0000),
  /** SECCOMP_RET_USER_NOTIF: a supervisor decides through the filter's listener fd. */
  SCMP_ACT_NOTIFY(0x7fc0_0000);

  /** EPERM: runc's data for ERRNO and TRACE when the profile gives no errnoRet. */
  static final int DEFAULT_DATA = 1;

  private final int returnBase;

  SeccompAction(int returnBase) {
    this.returnBase = returnBase;
  }

  /**
   * Parses an OCI action name such as {@code SCMP_ACT_ERRNO}.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code name} is not one
   */
  public static SeccompAction parse(String name) {
    for (SeccompAction action : values()) {
      if (action.name().equals(name)) {
        return action;
      }
    }
    throw new IllegalArgumentException(
        "\"" + name + "\" is not one of " + Arrays.toString(values()));
  }

  /** Whether the action carries SECCOMP_RET_DATA, which the profile sets with errnoRet. */
  public boolean takesData() {
    return this == SCMP_ACT_ERRNO || this == SCMP_ACT_TRACE;
  }

  /**
   * The 32-bit value the filter returns for this action. For ERRNO and TRACE the low 16 bits are
   * {@code errnoRet}, or EPERM when it is null, as runc's {@code getAction} does; other actions
   * ignore {@code errnoRet}, as runc does too.
   */
  public int returnValue(Integer errnoRet) {
    if (!takesData()) {
      return returnBase;
    }
    return returnBase | ((errnoRet == null ? DEFAULT_DATA : errnoRet) & 0xffff);
  }
}
