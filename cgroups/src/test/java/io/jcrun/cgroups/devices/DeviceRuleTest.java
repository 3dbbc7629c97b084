package io.jcrun.cgroups.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.cgroups.DeviceRule;
import org.junit.jupiter.api.Test;

class DeviceRuleTest {

  @Test
  void accessIsKeptInRwmOrder() {
    assertEquals("rwm", DeviceRule.allow('c', 1, 3, "mwr").access());
    assertEquals("rw", DeviceRule.allow('c', 1, 3, "wrw").access());
    assertEquals(DeviceRule.READ | DeviceRule.MKNOD,
        DeviceRule.allow('c', 1, 3, "mr").accessBits());
  }

  @Test
  void rendersTheCgroupV1Line() {
    assertEquals("c 1:3 rwm", DeviceRule.allow('c', 1, 3, "rwm").cgroupString());
    assertEquals("b *:0 m", DeviceRule.deny('b', -1, 0, "m").cgroupString());
    assertEquals("a", DeviceRule.deny('a', 5, 5, "rwm").cgroupString());
  }

  @Test
  void refusesWhatTheKernelCannotTake() {
    assertEquals("device type 'u' is not one of a, b, c", assertThrows(
        IllegalArgumentException.class, () -> DeviceRule.allow('u', 1, 3, "r")).getMessage());
    assertEquals("device access \"rx\" has 'x' (use a subset of \"rwm\")", assertThrows(
        IllegalArgumentException.class, () -> DeviceRule.allow('c', 1, 3, "rx")).getMessage());
    assertEquals("device access is empty (use a subset of \"rwm\")", assertThrows(
        IllegalArgumentException.class, () -> DeviceRule.allow('c', 1, 3, "")).getMessage());
    assertEquals("device major -2 is out of range (0 to 4294967295, or -1 for any)", assertThrows(
        IllegalArgumentException.class, () -> DeviceRule.allow('c', -2, 3, "r")).getMessage());
  }
}
