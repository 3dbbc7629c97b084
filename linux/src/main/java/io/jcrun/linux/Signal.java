package io.jcrun.linux;

import java.util.Locale;

/**
 * A signal number with its name. {@link #parse} accepts what runc's {@code kill} accepts: a
 * decimal number, {@code KILL}, {@code SIGKILL}, and {@code RTMIN+n} / {@code RTMAX-n}.
 */
public record Signal(int number) {
  public static final Signal SIGHUP = new Signal(1);
  public static final Signal SIGINT = new Signal(2);
  public static final Signal SIGKILL = new Signal(9);
  public static final Signal SIGTERM = new Signal(15);
  public static final Signal SIGCHLD = new Signal(17);
  public static final Signal SIGCONT = new Signal(18);
  public static final Signal SIGSTOP = new Signal(19);
  public static final Signal SIGWINCH = new Signal(28);

  /** Names indexed by number on x86_64 and aarch64 (which share the generic numbering above 15). */
  private static final String[] NAMES = {
    null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
    "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
    "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
  };
  /** glibc reserves 32 and 33 for itself, so SIGRTMIN as programs see it is 34. */
  public static final int RTMIN = 34;
  public static final int RTMAX = 64;

  public Signal {
    if (number < 1 || number > RTMAX) {
      throw new IllegalArgumentException("signal " + number + " is out of range 1-" + RTMAX);
    }
  }

  /**
   * Parses a signal as runc does.
   *
   * @throws IllegalArgumentException naming the input when it is not a signal
   */
  public static Signal parse(String text) {
    String s = text.trim();
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      int n;
      try {
        n = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
      if (n < 1 || n > RTMAX) {
        throw invalid(text);
      }
      return new Signal(n);
    }
    String name = s.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return new Signal(i);
      }
    }
    if (name.equals("IOT")) {
      return new Signal(6);
    }
    if (name.equals("POLL")) {
      return new Signal(29);
    }
    if (name.startsWith("RTMIN") || name.startsWith("RTMAX")) {
      boolean min = name.startsWith("RTMIN");
      String rest = name.substring(5);
      int offset = 0;
      if (!rest.isEmpty()) {
        if (rest.length() < 2 || rest.charAt(0) != (min ? '+' : '-')
            || !rest.substring(1).chars().allMatch(Character::isDigit) || rest.length() > 4) {
          throw invalid(text);
        }
        offset = Integer.parseInt(rest.substring(1));
      }
      int n = min ? RTMIN + offset : RTMAX - offset;
      if (n < RTMIN || n > RTMAX) {
        throw invalid(text);
      }
      return new Signal(n);
    }
    throw invalid(text);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("unknown signal \"" + text + "\"");
  }

  /** {@code SIGKILL}, {@code SIGRTMIN+2}, ... */
  public String name() {
    if (number < NAMES.length) {
      return "SIG" + NAMES[number];
    }
    if (number >= RTMIN) {
      return number == RTMIN ? "SIGRTMIN" : "SIGRTMIN+" + (number - RTMIN);
    }
    return "SIG" + number;
  }

  @Override
  public String toString() {
    return name();
  }
}
