package io.jcrun.cgroups.devices;

import io.jcrun.cgroups.DeviceRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The effect of a list of device rules, computed the way cgroup v1 applies writes to {@code
 * devices.allow} and {@code devices.deny} (a port of runc's devices emulator): a type {@code a}
 * rule resets the policy to allow-all or deny-all and drops every exception; any other rule adds
 * an exception (when its action differs from the default) or removes access from one. So for
 * every device the last rule that covers it wins. Like runc, a rule that would remove part of a
 * wildcard exception is refused, because cgroup v1 silently ignores it.
 *
 * <p>The result is a default plus exceptions that all have the opposite action. A request is
 * answered as the cgroup v1 kernel does ({@code devcgroup_legacy_check_permission}): on a
 * deny-all default one allow exception must cover every requested access bit; on an allow-all
 * default a deny exception that shares any requested bit denies. Immutable.
 */
public final class DevicePolicy {
  private static final Comparator<Match> ORDER = Comparator.comparingLong(Match::major)
      .thenComparingLong(Match::minor).thenComparingInt(Match::type);

  /** The device part of a rule: type {@code b} or {@code c}, major and minor (-1 is any). */
  record Match(char type, long major, long minor) {
    boolean covers(char t, long maj, long min) {
      return type == t && (major == DeviceRule.WILDCARD || major == maj)
          && (minor == DeviceRule.WILDCARD || minor == min);
    }

    @Override
    public String toString() {
      return type + " " + (major < 0 ? "*" : major) + ":" + (minor < 0 ? "*" : minor);
    }
  }

  private final boolean defaultAllow;
  private final Map<Match, Integer> exceptions;

  private DevicePolicy(boolean defaultAllow, Map<Match, Integer> exceptions) {
    this.defaultAllow = defaultAllow;
    TreeMap<Match, Integer> sorted = new TreeMap<>(ORDER);
    sorted.putAll(exceptions);
    this.exceptions = java.util.Collections.unmodifiableMap(sorted);
  }

  /** Allows every device: a new cgroup v1 devices cgroup. */
  public static DevicePolicy allowAll() {
    return new DevicePolicy(true, Map.of());
  }

  /**
   * Applies {@code rules} in order to a deny-all policy, as runc does for a container.
   *
   * @throws IllegalArgumentException naming the rule that punches a hole in a wildcard exception
   */
  public static DevicePolicy of(List<DeviceRule> rules) {
    boolean defaultAllow = false;
    Map<Match, Integer> exceptions = new TreeMap<>(ORDER);
    for (DeviceRule rule : rules) {
      if (rule.type() == 'a') {
        defaultAllow = rule.allow();
        exceptions.clear();
      } else if (rule.allow() == defaultAllow) {
        remove(exceptions, rule);
      } else {
        Match m = new Match(rule.type(), rule.major(), rule.minor());
        exceptions.merge(m, rule.accessBits(), (a, b) -> a | b);
      }
    }
    return new DevicePolicy(defaultAllow, exceptions);
  }

  /** The policy a cgroup v1 {@code devices.list} shows. */
  public static DevicePolicy parseDevicesList(String list) {
    List<DeviceRule> rules = new ArrayList<>();
    for (String line : list.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 3) {
        continue;
      }
      String[] numbers = f[1].split(":");
      // devices.list lists what is allowed; "a *:* rwm" means allow-all (the deny exceptions
      // of an allow-all cgroup are not shown, so such a cgroup always gets a full reset).
      rules.add(DeviceRule.allow(f[0].charAt(0), number(numbers[0]), number(numbers[1]), f[2]));
    }
    return of(rules);
  }

  private static long number(String s) {
    return s.equals("*") ? DeviceRule.WILDCARD : Long.parseLong(s);
  }

  private static void remove(Map<Match, Integer> exceptions, DeviceRule rule) {
    Match m = new Match(rule.type(), rule.major(), rule.minor());
    int bits = rule.accessBits();
    for (Match partial : List.of(
        new Match(m.type, DeviceRule.WILDCARD, m.minor),
        new Match(m.type, m.major, DeviceRule.WILDCARD),
        new Match(m.type, DeviceRule.WILDCARD, DeviceRule.WILDCARD))) {
      if (partial.equals(m)) {
        continue;
      }
      int overlap = exceptions.getOrDefault(partial, 0) & bits;
      if (overlap != 0) {
        throw new IllegalArgumentException("rule \"" + rule + "\" would remove \""
            + DeviceRule.render(overlap) + "\" from the wildcard rule \"" + partial + " "
            + DeviceRule.render(exceptions.get(partial))
            + "\", which cgroup v1 cannot do (it ignores such holes)");
      }
    }
    int left = exceptions.getOrDefault(m, 0) & ~bits;
    if (left == 0) {
      exceptions.remove(m);
    } else {
      exceptions.put(m, left);
    }
  }

  /** Whether devices no exception covers are allowed. */
  public boolean defaultAllow() {
    return defaultAllow;
  }

  /** The exceptions, ordered by major, minor and type; each has the action opposite the default. */
  public List<DeviceRule> exceptions() {
    List<DeviceRule> rules = new ArrayList<>();
    exceptions.forEach((m, bits) -> rules.add(
        new DeviceRule(!defaultAllow, m.type, m.major, m.minor, DeviceRule.render(bits))));
    return rules;
  }

  /**
   * Whether a process may do {@code access} ({@code DeviceRule.READ|WRITE|MKNOD} bits) on the
   * device {@code type major:minor}.
   */
  public boolean allows(char type, long major, long minor, int access) {
    for (Map.Entry<Match, Integer> e : exceptions.entrySet()) {
      if (!e.getKey().covers(type, major, minor)) {
        continue;
      }
      int bits = e.getValue();
      if (defaultAllow ? (bits & access) != 0 : (access & ~bits) == 0) {
        return !defaultAllow;
      }
    }
    return defaultAllow;
  }

  /**
   * The rules to write to a cgroup v1 devices cgroup in state {@code current} to reach this
   * policy, disrupting as little as possible (runc's {@code Transition}): a reset rule ({@code
   * a}) first only when the default changes or {@code current} allows all (its deny exceptions
   * cannot be read back), then the access to take away, then the access to add.
   */
  public List<DeviceRule> transitionFrom(DevicePolicy current) {
    List<DeviceRule> rules = new ArrayList<>();
    Map<Match, Integer> old = current.exceptions;
    if (current.defaultAllow || current.defaultAllow != defaultAllow) {
      rules.add(new DeviceRule(defaultAllow, 'a', DeviceRule.WILDCARD, DeviceRule.WILDCARD, "rwm"));
      old = Map.of();
    }
    for (Map.Entry<Match, Integer> e : old.entrySet()) {
      int dropped = e.getValue() & ~exceptions.getOrDefault(e.getKey(), 0);
      if (dropped != 0) {
        rules.add(rule(defaultAllow, e.getKey(), dropped));
      }
    }
    for (Map.Entry<Match, Integer> e : exceptions.entrySet()) {
      int gained = e.getValue() & ~old.getOrDefault(e.getKey(), 0);
      if (gained != 0) {
        rules.add(rule(!defaultAllow, e.getKey(), gained));
      }
    }
    return rules;
  }

  private static DeviceRule rule(boolean allow, Match m, int bits) {
    return new DeviceRule(allow, m.type, m.major, m.minor, DeviceRule.render(bits));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DevicePolicy p && p.defaultAllow == defaultAllow
        && p.exceptions.equals(exceptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(defaultAllow, exceptions);
  }

  @Override
  public String toString() {
    return (defaultAllow ? "allow" : "deny") + " all except " + exceptions();
  }
}
