package io.jcrun.cgroups.devices;

import io.jcrun.cgroups.DeviceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The device rules every container gets after its own, so that denying all devices in the config
 * still leaves the basic ones usable. The set is runc's {@code specconv.AllowedDevices}, in its
 * order: {@code mknod} of any character or block device, {@code /dev/null} (1:3), {@code random}
 * (1:8), {@code full} (1:7), {@code tty} (5:0), {@code zero} (1:5), {@code urandom} (1:9), every
 * pty slave {@code /dev/pts/*} (136:*), {@code /dev/ptmx} (5:2) and {@code /dev/net/tun}
 * (10:200). runc no longer lists {@code /dev/console} (5:1): a container's console is a bind
 * mount of a pty slave, covered by 136:*.
 */
public final class DefaultDeviceRules {
  /** runc's list; appended after the config's rules, so the config cannot take them away. */
  public static final List<DeviceRule> ALWAYS_ALLOWED = List.of(
      DeviceRule.allow('c', DeviceRule.WILDCARD, DeviceRule.WILDCARD, "m"),
      DeviceRule.allow('b', DeviceRule.WILDCARD, DeviceRule.WILDCARD, "m"),
      DeviceRule.allow('c', 1, 3, "rwm"),
      DeviceRule.allow('c', 1, 8, "rwm"),
      DeviceRule.allow('c', 1, 7, "rwm"),
      DeviceRule.allow('c', 5, 0, "rwm"),
      DeviceRule.allow('c', 1, 5, "rwm"),
      DeviceRule.allow('c', 1, 9, "rwm"),
      DeviceRule.allow('c', 136, DeviceRule.WILDCARD, "rwm"),
      DeviceRule.allow('c', 5, 2, "rwm"),
      // runc dropped /dev/net/tun in 1.2.0-rc1 and restored it after regressions
      // (opencontainers/runc#3468): engines cannot always add rules, so it stays.
      DeviceRule.allow('c', 10, 200, "rwm"));

  private DefaultDeviceRules() {}

  /** {@code rules} followed by {@link #ALWAYS_ALLOWED}, as runc's {@code CreateCgroupConfig}. */
  public static List<DeviceRule> withDefaults(List<DeviceRule> rules) {
    List<DeviceRule> all = new ArrayList<>(rules);
    all.addAll(ALWAYS_ALLOWED);
    return List.copyOf(all);
  }
}
