package io.jcrun.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcrun.spec.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTreeTest {
  @Test
  void readsEveryKindOfValueKeepingFieldOrder() throws Exception {
    Object v = JsonTree.parse(" {\"b\": [1, -2, 3.5, 1e3, true, false, null], \"a\": {\"x\": \"y\"},"
        + " \"c\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"big\": 18446744073709551615}\n");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("b", "a", "c", "big"), new ArrayList<>(m.keySet()));
    assertEquals(java.util.Arrays.asList(1L, -2L, 3.5, 1000.0, true, false, null), m.get("b"));
    assertEquals(Map.of("x", "y"), m.get("a"));
    assertEquals("\"\\/\b\f\n\r\t\u00e9\ud83d\ude00", m.get("c"));
    assertEquals(new java.math.BigInteger("18446744073709551615"), m.get("big"));
    assertNull(JsonTree.parse("null"));
    assertEquals(List.of(), JsonTree.parse("[ ]"));
    assertEquals(Map.of(), JsonTree.parse("{ }"));
  }

  @Test
  void refusesWhatGosDecoderRefusesWithThePlace() {
    for (String[] bad : new String[][] {
        {"", "malformed JSON at line 1, column 1: unexpected end of input"},
        {"{\"a\": 1,}", "malformed JSON at line 1, column 9: expected a field name"},
        {"[1 2]", "malformed JSON at line 1, column 4: expected ',' or ']'"},
        {"{\"a\": 1}\n{}", "malformed JSON at line 2, column 1: unexpected data after the top-level value"},
        {"{\"a\": 1, \"a\": 2}", "malformed JSON at line 1, column 15: duplicate field \"a\""},
        {"\"tab\there\"", "malformed JSON at line 1, column 5: control character in a string"},
        {"\"\\x\"", "malformed JSON at line 1, column 3: bad escape '\\x'"},
        {"01", "malformed JSON at line 1, column 2: unexpected data after the top-level value"},
        {"-", "malformed JSON at line 1, column 2: bad number"},
        {"1.", "malformed JSON at line 1, column 3: bad number"},
        {"tru", "malformed JSON at line 1, column 1: unexpected character 't'"},
        {"// c\n{}", "malformed JSON at line 1, column 1: unexpected character '/'"},
        {"\"open", "malformed JSON at line 1, column 6: unterminated string"}}) {
      SpecException e = assertThrows(SpecException.class, () -> JsonTree.parse(bad[0]), bad[0]);
      assertEquals(bad[1], e.getMessage(), bad[0]);
    }
  }

  /** Random documents written by Jackson read back to what Jackson reads. */
  @Test
  void agreesWithJacksonOnRandomDocuments() throws Exception {
    ObjectMapper jackson = new ObjectMapper();
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      Object doc = randomValue(random, 0);
      String json = jackson.writeValueAsString(doc);
      assertEquals(jackson.readValue(json, Object.class), normalise(JsonTree.parse(json)), json);
    }
  }

  /** Jackson reads small integers as Integer; the tree has Long. */
  private static Object normalise(Object v) {
    return switch (v) {
      case Long l when l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE -> l.intValue();
      case Map<?, ?> m -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(k, normalise(x)));
        yield out;
      }
      case List<?> l -> l.stream().map(JsonTreeTest::normalise).toList();
      case null, default -> v;
    };
  }

  static Object randomValue(Random r, int depth) {
    int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
    return switch (kind) {
      case 0 -> randomString(r);
      case 1 -> r.nextBoolean() ? (long) r.nextInt() : r.nextLong();
      case 2 -> r.nextBoolean();
      case 3 -> r.nextInt(5) == 0 ? null : randomString(r);
      case 4 -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          m.put(randomString(r), randomValue(r, depth + 1));
        }
        yield m;
      }
      default -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(randomValue(r, depth + 1));
        }
        yield l;
      }
    };
  }

  static String randomString(Random r) {
    String alphabet = "ab\"\\/\n\t\u0001<>&\u00e9\u2028\u4e2d\ud83d\ude00 ";
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      int at = r.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        sb.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
