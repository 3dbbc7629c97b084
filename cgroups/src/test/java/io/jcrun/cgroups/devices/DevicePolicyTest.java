package io.jcrun.cgroups.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.cgroups.DeviceRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule semantics: applied in order as cgroup v1 applies writes, so the last rule wins. */
class DevicePolicyTest {

  @Test
  void noRulesDenyEverything() {
    DevicePolicy p = DevicePolicy.of(List.of());
    assertFalse(p.defaultAllow());
    assertFalse(p.allows('c', 1, 3, DeviceRule.READ));
  }

  @Test
  void aLaterRuleOverridesAnEarlierOne() {
    DevicePolicy p = DevicePolicy.of(List.of(DeviceRule.allow('c', 1, 3, "rw"),
        DeviceRule.deny('c', 1, 3, "w")));
    assertTrue(p.allows('c', 1, 3, DeviceRule.READ));
    assertFalse(p.allows('c', 1, 3, DeviceRule.WRITE));
    assertEquals(List.of(DeviceRule.allow('c', 1, 3, "r")), p.exceptions());
  }

  @Test
  void anAllRuleResetsEverythingBeforeIt() {
    DevicePolicy p = DevicePolicy.of(List.of(DeviceRule.allow('c', 1, 3, "rwm"),
        DeviceRule.deny('a', -1, -1, "rwm"), DeviceRule.allow('c', 1, 5, "r")));
    assertEquals(List.of(DeviceRule.allow('c', 1, 5, "r")), p.exceptions());
    assertEquals(DevicePolicy.of(List.of(DeviceRule.allow('a', -1, -1, "rwm"))),
        DevicePolicy.of(List.of(DeviceRule.deny('c', 1, 3, "rwm"),
            DeviceRule.allow('a', -1, -1, "rwm"))));
  }

  @Test
  void rulesForTheSameDeviceMerge() {
    DevicePolicy p = DevicePolicy.of(List.of(DeviceRule.allow('c', 1, 3, "r"),
        DeviceRule.allow('c', 1, 3, "m"), DeviceRule.allow('c', 1, 3, "w")));
    assertEquals(List.of(DeviceRule.allow('c', 1, 3, "rwm")), p.exceptions());
  }

  @Test
  void punchingAHoleInAWildcardIsRefusedAsRuncDoes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DevicePolicy.of(List.of(DeviceRule.allow('c', -1, -1, "rwm"),
            DeviceRule.deny('c', 1, 3, "w"))));
    assertEquals("rule \"deny c 1:3 w\" would remove \"w\" from the wildcard rule \"c *:* rwm\","
        + " which cgroup v1 cannot do (it ignores such holes)", e.getMessage());
  }

  @Test
  void readsDevicesList() {
    assertEquals(DevicePolicy.allowAll(), DevicePolicy.parseDevicesList("a *:* rwm\n"));
    DevicePolicy p = DevicePolicy.parseDevicesList("c 1:3 rwm\nc 136:* rw\nb *:* m\n");
    assertFalse(p.defaultAllow());
    assertEquals(3, p.exceptions().size());
    assertEquals(DevicePolicy.of(List.of()), DevicePolicy.parseDevicesList(""));
  }

  @Test
  void aTransitionFromAllowAllStartsWithAReset() {
    DevicePolicy target = DevicePolicy.of(List.of(DeviceRule.allow('c', 1, 3, "rw")));
    assertEquals(List.of(DeviceRule.deny('a', -1, -1, "rwm"), DeviceRule.allow('c', 1, 3, "rw")),
        target.transitionFrom(DevicePolicy.allowAll()));
  }

  @Test
  void aTransitionBetweenDenyAllPoliciesWritesOnlyTheDifference() {
    DevicePolicy current = DevicePolicy.of(List.of(DeviceRule.allow('c', 1, 3, "rwm"),
        DeviceRule.allow('c', 1, 5, "r")));
    DevicePolicy target = DevicePolicy.of(List.of(DeviceRule.allow('c', 1, 3, "rw"),
        DeviceRule.allow('c', 1, 7, "r")));
    assertEquals(List.of(DeviceRule.deny('c', 1, 3, "m"), DeviceRule.deny('c', 1, 5, "r"),
        DeviceRule.allow('c', 1, 7, "r")), target.transitionFrom(current));
    assertEquals(List.of(), target.transitionFrom(target));
  }

  @Test
  void aTransitionToAllowAllIsOneRule() {
    DevicePolicy current = DevicePolicy.of(List.of(DeviceRule.allow('c', 1, 3, "rwm")));
    assertEquals(List.of(DeviceRule.allow('a', -1, -1, "rwm")),
        DevicePolicy.allowAll().transitionFrom(current));
  }

  @Test
  void theDefaultsMatchRunc() {
    assertEquals(11, DefaultDeviceRules.ALWAYS_ALLOWED.size());
    assertEquals("[allow c *:* m, allow b *:* m, allow c 1:3 rwm, allow c 1:8 rwm, allow c 1:7 rwm,"
        + " allow c 5:0 rwm, allow c 1:5 rwm, allow c 1:9 rwm, allow c 136:* rwm, allow c 5:2 rwm,"
        + " allow c 10:200 rwm]", DefaultDeviceRules.ALWAYS_ALLOWED.toString());
  }
}
