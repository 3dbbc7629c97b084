package io.jcrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.cgroups.CgroupStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parts of the CLI that need no kernel: argument forms, units, output shapes. */
class CliParsingTest {
  @TempDir Path tmp;

  private record Outcome(int status, String out, String err) {}

  private Outcome jcrun(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Jcrun(new Request(List.of(args), Map.of(), tmp, 0, tmp,
        new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err)))
        .execute();
    return new Outcome(status, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource({"5s, 5000", "100ms, 100", "1m30s, 90000", "1.5s, 1500", "2h, 7200000", "0, 0"})
  void parsesGoDurations(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), GoDuration.parse(text));
  }

  @Test
  void refusesWhatIsNotAGoDuration() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GoDuration.parse("5"));
    assertEquals("invalid duration \"5\": use a number and a unit, as 5s, 100ms or 1m30s",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"512m, 536870912", "1g, 1073741824", "64k, 65536", "100, 100", "-1, -1",
      "1.5m, 1572864", "2GiB, 2147483648"})
  void parsesSizesAsRuncDoes(String text, long bytes) {
    assertEquals(bytes, UpdateCommand.bytes(text, "--memory"));
  }

  @Test
  void findsTheVerbAfterTheGlobalOptions() {
    assertEquals("state", Jcrun.verb(List.of("--root", "/x", "--log-format", "json", "state", "id")));
    assertEquals("run", Jcrun.verb(List.of("--root=/x", "--debug", "run")));
    assertNull(Jcrun.verb(List.of("--version")));
  }

  @Test
  void anUnknownVerbFailsEvenWithHelp() {
    Outcome o = jcrun("checkpoint", "--help");
    assertEquals(1, o.status());
    assertTrue(o.err().startsWith("jcrun: unknown command \"checkpoint\"\n"), o.err());
  }

  @Test
  void everyVerbHasHelp() {
    for (String verb : List.of("create", "start", "run", "state", "kill", "delete", "list", "exec",
        "ps", "pause", "resume", "update", "events", "features", "spec", "image", "bundle")) {
      Outcome o = jcrun(verb, "--help");
      assertEquals(0, o.status(), verb);
      assertTrue(o.out().startsWith("Usage: jcrun " + verb), verb + ": " + o.out());
    }
  }

  @Test
  void specWritesRuncsDefaultAndRefusesToOverwrite() throws Exception {
    assertEquals(0, jcrun("spec", "--bundle", tmp.toString()).status());
    String config = Files.readString(tmp.resolve("config.json"));
    assertTrue(config.startsWith("{\n  \"ociVersion\": \"1.2.0\",\n  \"process\": {"), config);
    Outcome again = jcrun("spec");
    assertEquals(1, again.status());
    assertEquals("jcrun: File " + tmp.resolve("config.json") + " exists. Remove it first\n",
        again.err());
  }

  @Test
  void badGlobalValuesNameTheAllowedOnes() {
    Outcome o = jcrun("--log-format", "xml", "--root", tmp.toString(), "list");
    assertEquals(1, o.status());
    assertEquals("jcrun: --log-format: \"xml\" is not one of [text, json]\n", o.err());
  }

  @Test
  void writesStatsEventsWithRuncsFieldsAndOmissions() {
    CgroupStats stats = new CgroupStats(
        new CgroupStats.Cpu(new CgroupStats.CpuUsage(10, List.of(4L, 6L), 0, 0),
            new CgroupStats.Throttling(0, 0, 0)),
        new CgroupStats.Memory(0, new CgroupStats.MemoryEntry(-1L, 5, 0, 0),
            CgroupStats.MemoryEntry.EMPTY, CgroupStats.MemoryEntry.EMPTY,
            CgroupStats.MemoryEntry.EMPTY, Map.of("rss", 5L)),
        new CgroupStats.Pids(2, 0), CgroupStats.Blkio.EMPTY, Map.of());
    assertEquals("{\"type\":\"stats\",\"id\":\"c\",\"data\":{\"cpu\":{\"usage\":{\"total\":10,"
        + "\"percpu\":[4,6],\"kernel\":0,\"user\":0},\"throttling\":{}},\"memory\":{\"usage\":"
        + "{\"limit\":18446744073709551615,\"usage\":5,\"failcnt\":0},\"swap\":{\"limit\":0,"
        + "\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},\"kernelTCP\":{\"limit\":0,"
        + "\"failcnt\":0},\"raw\":{\"rss\":5}},\"pids\":{\"current\":2},\"blkio\":{},"
        + "\"hugetlb\":{}}}", StatsJson.event("stats", "c", stats));
    assertEquals("{\"type\":\"oom\",\"id\":\"c\"}", StatsJson.event("oom", "c", null));
  }
}
