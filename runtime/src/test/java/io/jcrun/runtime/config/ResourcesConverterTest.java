package io.jcrun.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.cgroups.CgroupResources;
import io.jcrun.cgroups.CgroupResources.ThrottleDevice;
import io.jcrun.cgroups.CgroupResources.WeightDevice;
import io.jcrun.cgroups.DeviceRule;
import io.jcrun.spec.LinuxResources;
import io.jcrun.spec.SpecMapper;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code linux.resources} JSON to {@link CgroupResources}, and the values that are refused. */
class ResourcesConverterTest {

  static CgroupResources convert(String json) throws Exception {
    return ResourcesConverter.convert(SpecMapper.read(json, LinuxResources.class));
  }

  static String refusal(String json) {
    return assertThrows(InvalidConfigException.class, () -> convert(json)).getMessage();
  }

  @Test
  void nothingSetIsNothingToChange() throws Exception {
    assertEquals(CgroupResources.NONE, ResourcesConverter.convert(null));
    assertEquals(CgroupResources.NONE, convert("{}"));
  }

  @Test
  void convertsAFullConfig() throws Exception {
    CgroupResources r = convert("""
        {
          "devices": [
            {"allow": false, "access": "rwm"},
            {"allow": true, "type": "c", "major": 10, "minor": 229, "access": "rw"},
            {"allow": true, "type": "b", "major": 8, "access": "r"}
          ],
          "memory": {"limit": 536870912, "reservation": 268435456, "swap": 1073741824,
                     "kernel": 1, "kernelTCP": 2, "swappiness": 0, "disableOOMKiller": false,
                     "useHierarchy": true},
          "cpu": {"shares": 1024, "quota": 50000, "period": 100000, "burst": 0,
                  "realtimeRuntime": 950000, "realtimePeriod": 1000000,
                  "cpus": "0-3,7", "mems": "0", "idle": 1},
          "pids": {"limit": 100},
          "blockIO": {"weight": 500, "leafWeight": 300,
                      "weightDevice": [{"major": 8, "minor": 0, "weight": 600}],
                      "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}],
                      "throttleWriteIOPSDevice": [{"major": 8, "minor": 16, "rate": 0}]},
          "hugepageLimits": [{"pageSize": "2MB", "limit": 209715200}],
          "network": {"classID": 1048577, "priorities": [{"name": "eth0", "priority": 5}]},
          "unified": {"memory.high": "400000000", "io.max": "8:0 rbps=1"}
        }
        """);
    assertEquals(Optional.of(List.of(DeviceRule.deny('a', -1, -1, "rwm"),
        DeviceRule.allow('c', 10, 229, "rw"), DeviceRule.allow('b', 8, -1, "r"))), r.devices());
    assertEquals(new CgroupResources.Memory(OptionalLong.of(536870912),
        OptionalLong.of(268435456), OptionalLong.of(1073741824), OptionalLong.of(0),
        Optional.of(false), false), r.memory());
    assertEquals(new CgroupResources.Cpu(OptionalLong.of(1024), OptionalLong.of(50000),
        OptionalLong.of(100000), OptionalLong.of(0), OptionalLong.of(950000),
        OptionalLong.of(1000000), Optional.of("0-3,7"), Optional.of("0"), OptionalLong.of(1)),
        r.cpu());
    assertEquals(OptionalLong.of(100), r.pidsLimit());
    assertEquals(OptionalInt.of(500), r.blockIo().weight());
    assertEquals(OptionalInt.of(300), r.blockIo().leafWeight());
    assertEquals(List.of(new WeightDevice(8, 0, OptionalInt.of(600), OptionalInt.empty())),
        r.blockIo().weightDevices());
    assertEquals(List.of(new ThrottleDevice(8, 0, 1048576)), r.blockIo().throttleReadBps());
    assertEquals(List.of(new ThrottleDevice(8, 16, 0)), r.blockIo().throttleWriteIops());
    assertEquals(List.of(new CgroupResources.HugepageLimit("2MB", 209715200)),
        r.hugepageLimits());
    assertEquals(OptionalLong.of(1048577), r.network().classId());
    assertEquals(List.of(new CgroupResources.InterfacePriority("eth0", 5)),
        r.network().priorities());
    assertEquals("{io.max=8:0 rbps=1, memory.high=400000000}", r.unified().toString());
  }

  @Test
  void zerosThatGoEnginesSendMeanNotSetAsInRunc() throws Exception {
    CgroupResources r = convert("""
        {"memory": {"limit": 0, "reservation": 0, "swap": 0},
         "cpu": {"shares": 0, "quota": 0, "period": 0, "realtimeRuntime": 0, "realtimePeriod": 0},
         "blockIO": {"weight": 0, "leafWeight": 0}}
        """);
    assertEquals(CgroupResources.NONE, r);
  }

  @Test
  void zerosThatMeanSomethingAreKept() throws Exception {
    CgroupResources r = convert("""
        {"pids": {"limit": 0}, "cpu": {"burst": 0, "idle": 0}, "memory": {"swappiness": 0}}
        """);
    assertEquals(OptionalLong.of(0), r.pidsLimit());
    assertEquals(OptionalLong.of(0), r.cpu().burst());
    assertEquals(OptionalLong.of(0), r.cpu().idle());
    assertEquals(OptionalLong.of(0), r.memory().swappiness());
  }

  @Test
  void minusOneIsUnlimited() throws Exception {
    CgroupResources r = convert("""
        {"memory": {"limit": -1, "swap": -1, "reservation": -1}, "cpu": {"quota": -1},
         "pids": {"limit": -1}}
        """);
    assertEquals(OptionalLong.of(-1), r.memory().limit());
    assertEquals(OptionalLong.of(-1), r.memory().swap());
    assertEquals(OptionalLong.of(-1), r.cpu().quota());
    assertEquals(OptionalLong.of(-1), r.pidsLimit());
  }

  @Test
  void anAbsentDeviceListLeavesTheDevicesAlone() throws Exception {
    assertEquals(Optional.empty(), convert("{\"memory\": {\"limit\": 1048576}}").devices());
    assertEquals(Optional.of(List.of()), convert("{\"devices\": []}").devices());
  }

  @Test
  void aDeviceRuleWithoutAllowDeniesAsGosZeroValue() throws Exception {
    assertEquals(Optional.of(List.of(DeviceRule.deny('c', 1, 3, "r"))),
        convert("{\"devices\": [{\"type\": \"c\", \"major\": 1, \"minor\": 3, \"access\": \"r\"}]}")
            .devices());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"memory\": {\"limit\": -5}}"
          + "|linux.resources.memory.limit: -5 is negative (use -1 for unlimited)",
      "{\"memory\": {\"reservation\": -2}}"
          + "|linux.resources.memory.reservation: -2 is negative (use -1 for unlimited)",
      "{\"memory\": {\"swap\": -3}}"
          + "|linux.resources.memory.swap: -3 is negative (use -1 for unlimited)",
      "{\"memory\": {\"limit\": 2048, \"swap\": 1024}}"
          + "|linux.resources.memory.swap: 1024 is below memory.limit 2048 (swap is the limit of"
          + " memory plus swap)",
      "{\"memory\": {\"swappiness\": 101}}"
          + "|linux.resources.memory.swappiness: 101 is outside [0, 100]",
      "{\"cpu\": {\"shares\": 1}}|linux.resources.cpu.shares: 1 is outside [2, 262144]",
      "{\"cpu\": {\"shares\": 262145}}|linux.resources.cpu.shares: 262145 is outside [2, 262144]",
      "{\"cpu\": {\"shares\": 18446744073709551615}}"
          + "|linux.resources.cpu.shares: 18446744073709551615 is outside [2, 262144]",
      "{\"cpu\": {\"quota\": -2}}|linux.resources.cpu.quota: -2 is negative (use -1 for unlimited)",
      "{\"cpu\": {\"quota\": 500}}"
          + "|linux.resources.cpu.quota: 500 is below the kernel's minimum of 1000 microseconds",
      "{\"cpu\": {\"period\": 999}}"
          + "|linux.resources.cpu.period: 999 is outside [1000, 1000000] microseconds",
      "{\"cpu\": {\"period\": 2000000}}"
          + "|linux.resources.cpu.period: 2000000 is outside [1000, 1000000] microseconds",
      "{\"cpu\": {\"realtimeRuntime\": -7}}"
          + "|linux.resources.cpu.realtimeRuntime: -7 is negative (use -1 for unlimited)",
      "{\"cpu\": {\"cpus\": \"0-a\"}}"
          + "|linux.resources.cpu.cpus: \"0-a\" is not a list such as \"0-3,7\"",
      "{\"cpu\": {\"mems\": \"0,\"}}|linux.resources.cpu.mems: \"0,\" is not a list such as \"0-3,7\"",
      "{\"cpu\": {\"idle\": 2}}|linux.resources.cpu.idle: 2 is not 0 or 1",
      "{\"pids\": {\"limit\": -2}}|linux.resources.pids.limit: -2 is negative (use -1 for unlimited)",
      "{\"blockIO\": {\"weight\": 5}}|linux.resources.blockIO.weight: 5 is outside [10, 1000]",
      "{\"blockIO\": {\"leafWeight\": 1001}}"
          + "|linux.resources.blockIO.leafWeight: 1001 is outside [10, 1000]",
      "{\"blockIO\": {\"weightDevice\": [{\"minor\": 0, \"weight\": 100}]}}"
          + "|linux.resources.blockIO.weightDevice[0].major: required",
      "{\"blockIO\": {\"throttleReadBpsDevice\": [{\"major\": 8, \"minor\": 0}]}}"
          + "|linux.resources.blockIO.throttleReadBpsDevice[0].rate: required (0 removes the limit)",
      "{\"blockIO\": {\"throttleWriteIOPSDevice\": [{\"major\": -1, \"minor\": 0, \"rate\": 1}]}}"
          + "|linux.resources.blockIO.throttleWriteIOPSDevice[0].major: -1 is not a device number"
          + " (0 to 4294967295)",
      "{\"hugepageLimits\": [{\"pageSize\": \"2M\", \"limit\": 1}]}"
          + "|linux.resources.hugepageLimits[0].pageSize: \"2M\" is not a page size such as \"2MB\""
          + " or \"1GB\"",
      "{\"hugepageLimits\": [{\"pageSize\": \"2MB\"}]}"
          + "|linux.resources.hugepageLimits[0].limit: required",
      "{\"network\": {\"classID\": 4294967296}}"
          + "|linux.resources.network.classID: 4294967296 is outside [0, 4294967295]",
      "{\"network\": {\"priorities\": [{\"name\": \"\", \"priority\": 1}]}}"
          + "|linux.resources.network.priorities[0].name: \"\" is not a network interface name",
      "{\"rdma\": {\"mlx5_1\": {\"hcaHandles\": 3}}}"
          + "|linux.resources.rdma: rdma limits are not supported by jcrun",
      "{\"unified\": {\"../memory.max\": \"1\"}}"
          + "|linux.resources.unified[\"../memory.max\"]: is not a cgroup v2 file name such as"
          + " \"memory.high\"",
      "{\"unified\": {\"memory\": \"1\"}}"
          + "|linux.resources.unified[\"memory\"]: is not a cgroup v2 file name such as"
          + " \"memory.high\""})
  void refusesInvalidValues(String json, String message) {
    assertEquals(message, refusal(json));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"type\": \"u\", \"access\": \"r\"}"
          + "|linux.resources.devices[0].type: \"u\" is not one of [a, b, c]",
      "{\"type\": \"x\", \"access\": \"r\"}"
          + "|linux.resources.devices[0].type: \"x\" is not one of [a, b, c]",
      "{\"type\": \"c\"}|linux.resources.devices[0].access: required (a subset of \"rwm\")",
      "{\"type\": \"c\", \"access\": \"\"}"
          + "|linux.resources.devices[0].access: required (a subset of \"rwm\")",
      "{\"type\": \"c\", \"access\": \"rwx\"}"
          + "|linux.resources.devices[0].access: \"rwx\" is not a subset of \"rwm\"",
      "{\"type\": \"c\", \"major\": -2, \"access\": \"r\"}"
          + "|linux.resources.devices[0].major: -2 is negative (use -1, or leave it out, for any)",
      "{\"type\": \"c\", \"minor\": 4294967296, \"access\": \"r\"}"
          + "|linux.resources.devices[0].minor: 4294967296 is above 4294967295"})
  void refusesInvalidDeviceRules(String rule, String message) {
    assertEquals(message, refusal("{\"devices\": [" + rule + "]}"));
  }

  @Test
  void refusesARuleThatWouldPunchAHoleInAWildcard() {
    assertEquals("linux.resources.devices: rule \"deny c 136:1 w\" would remove \"w\" from the"
        + " wildcard rule \"c 136:* rwm\", which cgroup v1 cannot do (it ignores such holes)",
        refusal("""
            {"devices": [{"allow": true, "type": "c", "major": 136, "access": "rwm"},
                         {"allow": false, "type": "c", "major": 136, "minor": 1, "access": "w"}]}
            """));
  }

  @Test
  void updateResourcesNameTheirOwnFile() throws Exception {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ResourcesConverter.convert(SpecMapper.read("{\"pids\": {\"limit\": -3}}",
            LinuxResources.class), ""));
    assertEquals("pids.limit: -3 is negative (use -1 for unlimited)", e.getMessage());
    assertEquals("pids.limit", e.path());
  }
}
