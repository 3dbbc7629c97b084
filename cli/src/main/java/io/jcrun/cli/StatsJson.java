package io.jcrun.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jcrun.cgroups.CgroupStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * runc's {@code events} JSON: {@code {"type":"stats","id":...,"data":{...}}} with the field
 * names, unsigned numbers and {@code omitempty} rules of runc's {@code types.Stats}.
 */
final class StatsJson {
  private StatsJson() {}

  static String event(String type, String id, CgroupStats stats) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeStringField("id", id);
      if (stats != null) {
        g.writeFieldName("data");
        stats(g, stats);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void stats(JsonGenerator g, CgroupStats s) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("cpu");
    g.writeObjectFieldStart("usage");
    unsignedOmitEmpty(g, "total", s.cpu().usage().total());
    if (!s.cpu().usage().percpu().isEmpty()) {
      g.writeArrayFieldStart("percpu");
      for (long v : s.cpu().usage().percpu()) {
        g.writeNumber(Long.toUnsignedString(v));
      }
      g.writeEndArray();
    }
    unsigned(g, "kernel", s.cpu().usage().kernel());
    unsigned(g, "user", s.cpu().usage().user());
    g.writeEndObject();
    g.writeObjectFieldStart("throttling");
    unsignedOmitEmpty(g, "periods", s.cpu().throttling().periods());
    unsignedOmitEmpty(g, "throttledPeriods", s.cpu().throttling().throttledPeriods());
    unsignedOmitEmpty(g, "throttledTime", s.cpu().throttling().throttledTime());
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("memory");
    unsignedOmitEmpty(g, "cache", s.memory().cache());
    memoryEntry(g, "usage", s.memory().usage());
    memoryEntry(g, "swap", s.memory().swap());
    memoryEntry(g, "kernel", s.memory().kernel());
    memoryEntry(g, "kernelTCP", s.memory().kernelTCP());
    if (!s.memory().raw().isEmpty()) {
      g.writeObjectFieldStart("raw");
      for (Map.Entry<String, Long> e : s.memory().raw().entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeNumber(Long.toUnsignedString(e.getValue()));
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("pids");
    unsignedOmitEmpty(g, "current", s.pids().current());
    unsignedOmitEmpty(g, "limit", s.pids().limit());
    g.writeEndObject();
    g.writeObjectFieldStart("blkio");
    blkio(g, "ioServiceBytesRecursive", s.blkio().ioServiceBytesRecursive());
    blkio(g, "ioServicedRecursive", s.blkio().ioServicedRecursive());
    g.writeEndObject();
    g.writeObjectFieldStart("hugetlb");
    for (Map.Entry<String, CgroupStats.Hugetlb> e : s.hugetlb().entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      unsignedOmitEmpty(g, "usage", e.getValue().usage());
      unsignedOmitEmpty(g, "max", e.getValue().max());
      unsigned(g, "failcnt", e.getValue().failcnt());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void memoryEntry(JsonGenerator g, String name, CgroupStats.MemoryEntry e)
      throws IOException {
    g.writeObjectFieldStart(name);
    unsigned(g, "limit", e.limit());
    unsignedOmitEmpty(g, "usage", e.usage());
    unsignedOmitEmpty(g, "max", e.max());
    unsigned(g, "failcnt", e.failcnt());
    g.writeEndObject();
  }

  private static void blkio(JsonGenerator g, String name, List<CgroupStats.BlkioEntry> entries)
      throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (CgroupStats.BlkioEntry e : entries) {
      g.writeStartObject();
      unsignedOmitEmpty(g, "major", e.major());
      unsignedOmitEmpty(g, "minor", e.minor());
      if (!e.op().isEmpty()) {
        g.writeStringField("op", e.op());
      }
      unsignedOmitEmpty(g, "value", e.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void unsigned(JsonGenerator g, String name, long value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(Long.toUnsignedString(value));
  }

  private static void unsignedOmitEmpty(JsonGenerator g, String name, long value)
      throws IOException {
    if (value != 0) {
      unsigned(g, name, value);
    }
  }
}
