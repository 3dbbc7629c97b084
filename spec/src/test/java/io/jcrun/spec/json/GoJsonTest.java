package io.jcrun.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoJsonTest {
  /** The bytes Go 1.19's encoding/json (runc's) writes for the same values. */
  @Test
  void escapesAsGoDoes() {
    assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\\u003c\\u003e\\u0026\u00e9\\u2028\\u2029"
        + "\ud83d\ude00/\"", GoJson.quote("a\"b\\c\n\r\t\u0001\u001f<>&\u00e9\u2028\u2029\ud83d\ude00/"));
    // Lone surrogates are not UTF-8: Go writes U+FFFD for each.
    assertEquals("\"\\ufffdx\\ufffd\"", GoJson.quote("\ude00x\ud83d"));
  }

  @Test
  void indentsAsMarshalIndent() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ociVersion", "1.2.0");
    m.put("pid", 42);
    m.put("big", Long.MAX_VALUE);
    m.put("ok", true);
    m.put("none", null);
    m.put("empty", Map.of());
    m.put("list", List.of("a", List.of(), Map.of("k", "v")));
    assertEquals("""
        {
          "ociVersion": "1.2.0",
          "pid": 42,
          "big": 9223372036854775807,
          "ok": true,
          "none": null,
          "empty": {},
          "list": [
            "a",
            [],
            {
              "k": "v"
            }
          ]
        }""", GoJson.indented(m, "  "));
    assertEquals("{\"ociVersion\":\"1.2.0\",\"pid\":42,\"big\":9223372036854775807,\"ok\":true,"
        + "\"none\":null,\"empty\":{},\"list\":[\"a\",[],{\"k\":\"v\"}]}", GoJson.compact(m));
  }

  @Test
  void whatItWritesReadsBack() throws Exception {
    Random random = new Random(11);
    for (int i = 0; i < 300; i++) {
      Object doc = JsonTreeTest.randomValue(random, 0);
      assertEquals(doc, JsonTree.parse(GoJson.compact(doc)));
      assertEquals(doc, JsonTree.parse(GoJson.indented(doc, "\t")));
    }
  }
}
