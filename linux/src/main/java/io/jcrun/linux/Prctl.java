package io.jcrun.linux;

/** The prctl(2) options jcrun uses. */
public final class Prctl {
  public static final int PR_SET_PDEATHSIG = 1;
  public static final int PR_SET_DUMPABLE = 4;
  public static final int PR_SET_KEEPCAPS = 8;
  public static final int PR_SET_NAME = 15;
  public static final int PR_CAPBSET_DROP = 24;
  public static final int PR_SET_CHILD_SUBREAPER = 36;
  public static final int PR_SET_NO_NEW_PRIVS = 38;
  public static final int PR_CAP_AMBIENT = 47;
  public static final int PR_CAP_AMBIENT_RAISE = 2;

  private Prctl() {}

  public static String name(int option) {
    return switch (option) {
      case PR_SET_PDEATHSIG -> "PR_SET_PDEATHSIG";
      case PR_SET_DUMPABLE -> "PR_SET_DUMPABLE";
      case PR_SET_KEEPCAPS -> "PR_SET_KEEPCAPS";
      case PR_SET_NAME -> "PR_SET_NAME";
      case PR_CAPBSET_DROP -> "PR_CAPBSET_DROP";
      case PR_SET_CHILD_SUBREAPER -> "PR_SET_CHILD_SUBREAPER";
      case PR_SET_NO_NEW_PRIVS -> "PR_SET_NO_NEW_PRIVS";
      case PR_CAP_AMBIENT -> "PR_CAP_AMBIENT";
      default -> Integer.toString(option);
    };
  }
}
