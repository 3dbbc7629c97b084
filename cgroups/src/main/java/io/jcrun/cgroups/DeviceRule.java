package io.jcrun.cgroups;

/**
 * A device cgroup rule: allow or deny {@code access} (a subset of {@code rwm}, kept in that
 * order) to devices of {@code type} {@code a} (all), {@code b} or {@code c} with {@code major} and
 * {@code minor}, where {@link #WILDCARD} matches any number. Immutable and validated.
 */
public record DeviceRule(boolean allow, char type, long major, long minor, String access) {
  public static final long WILDCARD = -1;
  /** The access bits of {@code struct bpf_cgroup_dev_ctx} ({@code BPF_DEVCG_ACC_*}). */
  public static final int MKNOD = 1;
  public static final int READ = 2;
  public static final int WRITE = 4;
  public static final int ALL_ACCESS = MKNOD | READ | WRITE;

  public DeviceRule {
    if (type != 'a' && type != 'b' && type != 'c') {
      throw new IllegalArgumentException("device type '" + type + "' is not one of a, b, c");
    }
    checkNumber(major, "major");
    checkNumber(minor, "minor");
    access = render(parseAccess(access));
    if (type == 'a') {
      major = WILDCARD;
      minor = WILDCARD;
    }
  }

  public static DeviceRule allow(char type, long major, long minor, String access) {
    return new DeviceRule(true, type, major, minor, access);
  }

  public static DeviceRule deny(char type, long major, long minor, String access) {
    return new DeviceRule(false, type, major, minor, access);
  }

  /** The access as {@code BPF_DEVCG_ACC_*} bits. */
  public int accessBits() {
    return parseAccess(access);
  }

  /** The line for cgroup v1's {@code devices.allow} or {@code devices.deny}: {@code c 1:3 rwm}. */
  public String cgroupString() {
    return type == 'a' ? "a" : type + " " + number(major) + ":" + number(minor) + " " + access;
  }

  @Override
  public String toString() {
    return (allow ? "allow " : "deny ") + (type == 'a' ? "a *:* " + access : cgroupString());
  }

  /** Parses an access string; every character must be one of {@code r}, {@code w}, {@code m}. */
  public static int parseAccess(String access) {
    if (access == null || access.isEmpty()) {
      throw new IllegalArgumentException("device access is empty (use a subset of \"rwm\")");
    }
    int bits = 0;
    for (char c : access.toCharArray()) {
      bits |= switch (c) {
        case 'r' -> READ;
        case 'w' -> WRITE;
        case 'm' -> MKNOD;
        default -> throw new IllegalArgumentException(
            "device access \"" + access + "\" has '" + c + "' (use a subset of \"rwm\")");
      };
    }
    return bits;
  }

  /** Renders access bits in the order {@code rwm}. */
  public static String render(int bits) {
    return ((bits & READ) != 0 ? "r" : "") + ((bits & WRITE) != 0 ? "w" : "")
        + ((bits & MKNOD) != 0 ? "m" : "");
  }

  private static String number(long n) {
    return n == WILDCARD ? "*" : Long.toString(n);
  }

  private static void checkNumber(long n, String what) {
    if (n < WILDCARD || n > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "device " + what + " " + n + " is out of range (0 to 4294967295, or -1 for any)");
    }
  }
}
