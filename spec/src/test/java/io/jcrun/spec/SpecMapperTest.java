package io.jcrun.spec;

import static io.jcrun.spec.Fixtures.assertEveryComponentSet;
import static io.jcrun.spec.Fixtures.assertSameJson;
import static io.jcrun.spec.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecMapperTest {

  @Test
  void fullConfigRoundTrips() throws SpecException {
    String golden = text("config-full.json");

    Spec spec = SpecMapper.readSpec(golden);

    assertSameJson(golden, SpecMapper.write(spec));
    assertSameJson(golden, SpecMapper.writePretty(spec));
    assertEveryComponentSet(spec);
  }

  @Test
  void fullConfigMapsToTheExpectedValues() throws SpecException {
    Spec spec = SpecMapper.readSpec(text("config-full.json"));

    assertEquals(new Process.IoPriority("IOPRIO_CLASS_BE", 4), spec.process().ioPriority());
    assertEquals(new Process.CpuAffinity("0-1", "2-3,7"), spec.process().execCpuAffinity());
    assertEquals(4294967294L, spec.process().user().additionalGids().get(2));
    assertEquals(
        new LinuxIdMapping(0L, 100000L, 65536L), spec.mounts().get(1).uidMappings().get(0));
    assertEquals(
        new Linux.Namespace("network", "/var/run/netns/neta"), spec.linux().namespaces().get(1));
    assertEquals(-1L, spec.linux().resources().memory().swap());
    assertEquals(Boolean.TRUE, spec.linux().resources().memory().checkBeforeUpdate());
    assertEquals(
        new Linux.TimeOffset(-3600L, 500000000L), spec.linux().timeOffsets().get("boottime"));
    assertEquals(new Linux.NetDevice(null), spec.linux().netDevices().get("ens4"));
    assertEquals("1", spec.linux().sysctl().get("net.ipv4.ip_forward"));
  }

  @Test
  void uint64ValuesKeepTheirFullRange() throws SpecException {
    Spec spec = SpecMapper.readSpec(text("config-full.json"));

    Process.Rlimit core = spec.process().rlimits().get(1);
    assertEquals(-1L, core.hard(), "RLIM_INFINITY is all ones");
    assertEquals("18446744073709551615", Long.toUnsignedString(core.hard()));
    LinuxSeccomp.Arg mask = spec.linux().seccomp().syscalls().get(1).args().get(1);
    assertEquals(-1L, mask.value());
    assertTrue(SpecMapper.write(core).contains("\"hard\":18446744073709551615"));
  }

  @Test
  void absentFieldsStayDistinctFromZeroFalseAndEmpty() throws SpecException {
    Spec spec =
        SpecMapper.readSpec(
            """
            {"ociVersion": "1.2.1",
             "process": {"terminal": false, "user": {"uid": 0, "gid": 0}, "args": [], "cwd": "/"}}
            """);

    Process process = spec.process();
    assertEquals(Boolean.FALSE, process.terminal());
    assertNull(process.noNewPrivileges());
    assertEquals(0L, process.user().uid());
    assertNull(process.user().umask());
    assertEquals(List.of(), process.args());
    assertNull(process.env());
    assertNull(spec.linux());
    assertEquals(
        "{\"ociVersion\":\"1.2.1\",\"process\":{\"terminal\":false,\"user\":{\"uid\":0,\"gid\":0},"
            + "\"args\":[],\"cwd\":\"/\"}}",
        SpecMapper.write(spec));
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() throws SpecException {
    Spec spec =
        SpecMapper.readSpec(
            """
            {
              "ociVersion": "1.3.0",
              "vm": {"hypervisor": {"path": "/usr/bin/qemu"}},
              "process": {"cwd": "/", "futureField": [1, {"x": null}], "user": {"uid": 7, "gid": 8, "sid": "S-1"}},
              "linux": {
                "namespaces": [{"type": "pid", "flags": 3}],
                "resources": {"memory": {"limit": 1, "futureLimit": {"a": 1}}, "futureController": true}
              }
            }
            """);

    assertEquals("/", spec.process().cwd());
    assertEquals(7L, spec.process().user().uid());
    assertEquals(List.of(new Linux.Namespace("pid", null)), spec.linux().namespaces());
    assertEquals(1L, spec.linux().resources().memory().limit());
  }

  @Test
  void stateRoundTrips() throws SpecException {
    String golden = text("state.json");

    State state = SpecMapper.read(golden, State.class);

    assertEquals(
        new State(
            "1.2.1",
            "oci-container1",
            "running",
            4422,
            "/containers/redis",
            Map.of("myKey", "myValue")),
        state);
    assertSameJson(golden, SpecMapper.writePretty(state));
  }

  @Test
  void featuresRoundTrip() throws SpecException {
    String golden = text("features.json");

    Features features = SpecMapper.read(golden, Features.class);

    assertSameJson(golden, SpecMapper.writePretty(features));
    assertEveryComponentSet(features);
  }

  @Test
  void writePrettyIndentsLikeGoMarshalIndent() {
    State state = new State("1.2.1", "abc", "stopped", null, "/b", Map.of("z", "1", "a", "2"));

    assertEquals(
        """
        {
          "ociVersion": "1.2.1",
          "id": "abc",
          "status": "stopped",
          "bundle": "/b",
          "annotations": {
            "a": "2",
            "z": "1"
          }
        }\
        """,
        SpecMapper.writePretty(state));
    assertEquals(
        "{\n  \"names\": [],\n  \"args\": [\n    {}\n  ]\n}",
        SpecMapper.writePretty(
            new LinuxSeccomp.Syscall(
                List.of(), null, null, List.of(new LinuxSeccomp.Arg(null, null, null, null)))));
  }

  @Test
  void readsAndLeavesTheCallersStreamOpen() throws SpecException {
    var closed = new boolean[1];
    InputStream in =
        new ByteArrayInputStream("{\"limit\": 5}".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    assertEquals(new LinuxResources.Pids(5L), SpecMapper.read(in, LinuxResources.Pids.class));
    assertFalse(closed[0]);
  }

  @Test
  void readsAFile(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, text("config-full.json"));

    assertEquals("box", SpecMapper.readSpec(config).hostname());
  }

  @Test
  void wrongTypeDeepInTheTreeNamesTheJsonPath() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                SpecMapper.readSpec(
                    """
                    {"ociVersion": "1.2.1",
                     "linux": {"namespaces": [{"type": "pid"}, {"type": "uts"}, {"type": 7}]}}
                    """));

    assertEquals("linux.namespaces[2].type: expected a string, got a number", e.getMessage());
    assertEquals("linux.namespaces[2].type", e.jsonPath());
    assertEquals("expected a string, got a number", e.reason());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"process": {"user": {"uid": "0"}}}                 | process.user.uid: expected an integer, got a string
          {"process": {"user": {"uid": 1.5}}}                 | process.user.uid: expected an integer, got 1.5
          {"process": {"terminal": "true"}}                   | process.terminal: expected a boolean, got a string
          {"process": {"terminal": 1}}                        | process.terminal: expected a boolean, got a number
          {"process": {"args": "sh"}}                         | process.args: expected an array, got a string
          {"process": {"args": ["sh", true]}}                 | process.args[1]: expected a string, got a boolean
          {"process": "sh"}                                   | process: expected an object, got a string
          {"root": {"path": {"a": 1}}}                        | root.path: expected a string, got an object
          {"hostname": ["a"]}                                 | hostname: expected a string, got an array
          {"annotations": {"org.example/key": 1}}             | annotations["org.example/key"]: expected a string, got a number
          {"annotations": {"plain": false}}                   | annotations.plain: expected a string, got a boolean
          {"process": {"oomScoreAdj": 3000000000}}            | process.oomScoreAdj: number 3000000000 is out of range for a 32-bit integer
          {"linux": {"resources": {"memory": {"limit": 9223372036854775808}}}} | linux.resources.memory.limit: number 9223372036854775808 is out of range for a 64-bit integer
          {"process": {"rlimits": [{"hard": -1}]}}            | process.rlimits[0].hard: expected an unsigned integer, got -1
          {"process": {"rlimits": [{"soft": 18446744073709551616}]}} | process.rlimits[0].soft: number 18446744073709551616 is out of range for an unsigned 64-bit integer
          {"process": {"rlimits": [{"soft": "1"}]}}           | process.rlimits[0].soft: expected an integer, got a string
          {"linux": {"timeOffsets": {"boottime": {"secs": []}}}} | linux.timeOffsets.boottime.secs: expected an integer, got an array
          [1, 2]                                              | expected an object, got an array
          null                                                | expected an object, got null
          """)
  void wrongTypesAreReportedWithTheirJsonPath(String json, String message) {
    SpecException e = assertThrows(SpecException.class, () -> SpecMapper.readSpec(json));

    assertEquals(message, e.getMessage());
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                SpecMapper.readSpec("{\n  \"ociVersion\": \"1.2.1\",\n  \"hostname\": \"a\",}\n"));

    assertEquals(
        "malformed JSON at line 3, column 19: unexpected character '}': "
            + "was expecting double-quote to start field name",
        e.getMessage());
    assertNull(e.jsonPath());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                   | malformed JSON at line 1, column 1: unexpected end of input
          '{"process": {"args": ["sh"'         | malformed JSON at line 1, column 27: unexpected end of input
          '{"hostname": "a"} {}'               | malformed JSON at line 1, column 19: unexpected data after the top-level value
          '{"process": {"terminal": tru}}'     | malformed JSON at line 1, column 29: unrecognized token 'tru': was expecting a value
          '{"process": {"args": ["a"}}'     | malformed JSON at line 1, column 26: unexpected close marker '}': expected ']' (for Array starting at line 1, column 22)
          """)
  void malformedJsonIsOneLine(String json, String message) {
    SpecException e = assertThrows(SpecException.class, () -> SpecMapper.readSpec(json));

    assertEquals(message, e.getMessage());
  }

  @Test
  void missingFileSaysSo(@TempDir Path dir) {
    Path config = dir.resolve("config.json");

    SpecException e = assertThrows(SpecException.class, () -> SpecMapper.readSpec(config));

    assertEquals("open " + config + ": no such file or directory", e.getMessage());
  }

  @Test
  void malformedFileSaysWhere(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\n  \"ociVersion\": \"1.2.1\",\n  \"hostname\": 'box'\n}\n");

    SpecException e = assertThrows(SpecException.class, () -> SpecMapper.readSpec(config));

    assertEquals(
        "malformed JSON at line 3, column 15: unexpected character \"'\": expected a valid value",
        e.getMessage());
  }

  @Test
  void directoryIsNotAConfigFile(@TempDir Path dir) {
    SpecException e = assertThrows(SpecException.class, () -> SpecMapper.readSpec(dir));

    assertEquals("read " + dir + ": is a directory", e.getMessage());
  }
}
