package io.jcrun.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.spec.Features;
import io.jcrun.spec.Spec;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import io.jcrun.spec.State;
import io.jcrun.spec.Uint64;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RecordJson against the reference it stands in for: Jackson as SpecMapper configures it
 * ({@link SpecMapper#read(InputStream, Class)} never takes the fast path).
 */
class RecordJsonTest {
  private static <T> T jackson(String json, Class<T> type) throws SpecException {
    return SpecMapper.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = RecordJsonTest.class.getResourceAsStream("/io/jcrun/spec/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTheSpecCorpusAsJacksonDoes() throws Exception {
    for (String name : List.of("config-full.json", "default-spec.json",
        "default-spec-rootless.json")) {
      String json = resource(name);
      assertEquals(jackson(json, Spec.class), RecordJson.read(JsonTree.parse(json), Spec.class),
          name);
    }
    String state = resource("state.json");
    assertEquals(jackson(state, State.class), RecordJson.read(JsonTree.parse(state), State.class));
    String features = resource("features.json");
    assertEquals(jackson(features, Features.class),
        RecordJson.read(JsonTree.parse(features), Features.class));
  }

  @Test
  void randomSpecsReadAndWriteAsJacksonDoes() throws Exception {
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      Spec spec = (Spec) randomValue(Spec.class, random, 0, false);
      String json = SpecMapper.write(spec);
      assertEquals(jackson(json, Spec.class), RecordJson.read(JsonTree.parse(json), Spec.class),
          json);
      String written = GoJson.compact(RecordJson.tree(spec));
      assertEquals(jackson(json, Spec.class), jackson(written, Spec.class), written);
    }
  }

  /** Never accepts what Jackson refuses, and never reads a value differently. */
  @Test
  void mutatedDocumentsAreReadAsJacksonReadsThemOrLeftToIt() throws Exception {
    Random random = new Random(5);
    int refused = 0;
    for (int i = 0; i < 1500; i++) {
      Spec spec = (Spec) randomValue(Spec.class, random, 0, false);
      Object tree = JsonTree.parse(SpecMapper.write(spec));
      Object mutated = mutate(tree, random);
      String json = SpecMapper.write(mutated);
      Spec reference;
      try {
        reference = jackson(json, Spec.class);
      } catch (SpecException e) {
        refused++;
        assertThrows(RecordJson.Unsupported.class, () -> RecordJson.read(mutated, Spec.class),
            json + " -> " + e.getMessage());
        continue;
      }
      try {
        assertEquals(reference, RecordJson.read(JsonTree.parse(json), Spec.class), json);
      } catch (RecordJson.Unsupported e) {
        // Left to Jackson: allowed, only slower.
      }
    }
    assertEquals(true, refused > 300, "mutations Jackson refused: " + refused);
  }

  /** One leaf or container of {@code tree} replaced by a value of another kind. */
  private static Object mutate(Object tree, Random r) {
    List<Object> path = new ArrayList<>();
    Object node = tree;
    Object parent = null;
    Object key = null;
    while (true) {
      List<Object> keys = new ArrayList<>();
      if (node instanceof Map<?, ?> m) {
        keys.addAll(m.keySet());
      } else if (node instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          keys.add(i);
        }
      }
      if (keys.isEmpty() || (parent != null && r.nextInt(4) == 0)) {
        break;
      }
      parent = node;
      key = keys.get(r.nextInt(keys.size()));
      path.add(key);
      node = node instanceof Map<?, ?> m ? m.get(key) : ((List<?>) node).get((Integer) key);
    }
    Object replacement = switch (r.nextInt(9)) {
      case 0 -> "7";
      case 1 -> 7L;
      case 2 -> -1L;
      case 3 -> 1.5;
      case 4 -> new java.math.BigInteger("18446744073709551616");
      case 5 -> true;
      case 6 -> null;
      case 7 -> List.of("x");
      default -> Map.of("x", 1L);
    };
    if (parent == null) {
      return replacement;
    }
    if (parent instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> m = (Map<Object, Object>) parent;
      m.put(key, replacement);
    } else {
      @SuppressWarnings("unchecked")
      List<Object> l = (List<Object>) parent;
      l.set((Integer) key, replacement);
    }
    return tree;
  }

  /** A random value of {@code type}, as the spec's records hold them. */
  static Object randomValue(Type type, Random r, int depth, boolean uint64) throws Exception {
    if (r.nextInt(6) == 0 && depth > 0) {
      return null;
    }
    if (type instanceof Class<?> c) {
      if (c == String.class) {
        return JsonTreeTest.randomString(r);
      }
      if (c == Boolean.class) {
        return r.nextBoolean();
      }
      if (c == Integer.class) {
        return r.nextInt();
      }
      if (c == Long.class) {
        long v = r.nextBoolean() ? r.nextInt(1000) : r.nextLong();
        return uint64 || v >= 0 || r.nextBoolean() ? v : -v;
      }
      if (c.isRecord()) {
        if (depth > 4) {
          return null;
        }
        RecordComponent[] components = c.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
          args[i] = randomValue(components[i].getGenericType(), r, depth + 1,
              components[i].getAccessor().isAnnotationPresent(Uint64.class));
        }
        var constructor = c.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(args);
      }
    } else if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      if (p.getRawType() == List.class) {
        List<Object> out = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
          Object e = randomValue(args[0], r, depth + 1, false);
          if (e != null) {
            out.add(e);
          }
        }
        return out;
      }
      if (p.getRawType() == Map.class) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = r.nextInt(3); i > 0; i--) {
          Object e = randomValue(args[1], r, depth + 1, false);
          if (e != null) {
            out.put(JsonTreeTest.randomString(r), e);
          }
        }
        return out;
      }
    }
    throw new IllegalArgumentException("no random " + type);
  }
}
