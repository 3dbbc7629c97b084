package io.jcrun.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Golden JSON fixtures from the test classpath, and the checks the round-trip tests share. */
public final class Fixtures {
  /** A plain mapper: the golden comparison must not depend on SpecMapper's configuration. */
  private static final ObjectMapper PLAIN =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Fixtures() {}

  public static String text(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      assertNotNull(in, "missing test resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that {@code actual} is the same JSON as {@code expected}, ignoring layout and key
   * order.
   */
  public static void assertSameJson(String expected, String actual) {
    try {
      JsonNode expectedTree = PLAIN.readTree(expected);
      JsonNode actualTree = PLAIN.readTree(actual);
      // Compare sorted text first: on a mismatch it shows where, which tree equality does not.
      assertEquals(sorted(expectedTree), sorted(actualTree));
      assertEquals(expectedTree, actualTree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sorted(JsonNode tree) throws IOException {
    return PLAIN
        .writerWithDefaultPrettyPrinter()
        .writeValueAsString(PLAIN.treeToValue(tree, Object.class));
  }

  /**
   * Asserts that every component of every record type reachable from {@code root} is non-null
   * somewhere in the tree, so a golden fixture really exercises every field of the model. Types
   * another fixture covers can be exempted.
   */
  public static void assertEveryComponentSet(Record root, Class<?>... coveredElsewhere) {
    Map<Class<?>, Set<String>> seen = new HashMap<>();
    visit(root, seen);
    List<String> missing = new ArrayList<>();
    Set<Class<?>> exempt = Set.of(coveredElsewhere);
    seen.forEach(
        (type, set) -> {
          if (exempt.contains(type)) {
            return;
          }
          for (RecordComponent component : type.getRecordComponents()) {
            if (!set.contains(component.getName())) {
              missing.add(type.getName() + "." + component.getName());
            }
          }
        });
    missing.sort(null);
    assertTrue(missing.isEmpty(), "the fixture leaves these fields unset: " + missing);
  }

  private static void visit(Object value, Map<Class<?>, Set<String>> seen) {
    switch (value) {
      case null -> {}
      case Record record -> {
        Set<String> set = seen.computeIfAbsent(record.getClass(), c -> new HashSet<>());
        for (RecordComponent component : record.getClass().getRecordComponents()) {
          Object child;
          try {
            child = component.getAccessor().invoke(record);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
          if (child != null) {
            set.add(component.getName());
            visit(child, seen);
          }
        }
      }
      case Collection<?> collection -> collection.forEach(element -> visit(element, seen));
      case Object[] array -> List.of(array).forEach(element -> visit(element, seen));
      case Map<?, ?> map -> map.values().forEach(element -> visit(element, seen));
      default -> {}
    }
  }
}
