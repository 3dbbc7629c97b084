package io.jcrun.spec.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jcrun.spec.Uint64;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps {@link JsonTree} values to the spec's records and back, as the Jackson mapper of {@link
 * io.jcrun.spec.SpecMapper} does for the shapes the spec uses: records (components by name or
 * {@link JsonProperty}, unknown fields ignored, missing ones null), {@code String}, {@code
 * Boolean}, {@code Integer}, {@code Long} ({@link Uint64} ones unsigned), {@code List} and
 * {@code Map<String, ?>}, nothing coerced. It exists because databind's first use costs a short
 * verb about 100 ms of class initialisation.
 *
 * <p>It only takes what it is sure of: anything else (a type error, a null inside a list, a
 * shape it does not know) is an {@link Unsupported}, and the caller asks Jackson, whose answer
 * and error messages are the reference.
 */
public final class RecordJson {
  private RecordJson() {}

  /** The value is not one this mapper reads exactly as Jackson would. */
  public static final class Unsupported extends Exception {
    Unsupported(String why) {
      super(why, null, false, false);
    }
  }

  private record Component(String json, Type type, boolean uint64, RecordComponent rc) {}

  private static final Map<Class<?>, List<Component>> COMPONENTS = new ConcurrentHashMap<>();

  private static List<Component> components(Class<?> record) {
    return COMPONENTS.computeIfAbsent(record, r -> {
      List<Component> out = new ArrayList<>();
      for (RecordComponent rc : r.getRecordComponents()) {
        // Component annotations reach the accessor (JsonProperty has no RECORD_COMPONENT target).
        JsonProperty name = rc.getAccessor().getAnnotation(JsonProperty.class);
        out.add(new Component(name == null || name.value().isEmpty() ? rc.getName() : name.value(),
            rc.getGenericType(), rc.getAccessor().isAnnotationPresent(Uint64.class), rc));
      }
      return out;
    });
  }

  /** {@code tree} as a {@code type} record. */
  public static <T> T read(Object tree, Class<T> type) throws Unsupported {
    return type.cast(value(tree, type, false));
  }

  private static Object value(Object v, Type type, boolean uint64) throws Unsupported {
    if (v == null) {
      return null;
    }
    if (type instanceof Class<?> c) {
      if (c == String.class && v instanceof String) {
        return v;
      }
      if (c == Boolean.class && v instanceof Boolean) {
        return v;
      }
      if (c == Integer.class && v instanceof Long l && l == l.intValue()) {
        return l.intValue();
      }
      if (c == Long.class && v instanceof Long l && (!uint64 || l >= 0)) {
        return l;
      }
      if (c == Long.class && uint64 && v instanceof BigInteger b && b.signum() >= 0
          && b.bitLength() <= 64) {
        return b.longValue();
      }
      if (c.isRecord() && v instanceof Map<?, ?> m) {
        return record(m, c);
      }
    } else if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class && v instanceof List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
          out.add(nonNull(value(e, args[0], false)));
        }
        return out;
      }
      if (raw == Map.class && args[0] == String.class && v instanceof Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.put((String) e.getKey(), nonNull(value(e.getValue(), args[1], false)));
        }
        return out;
      }
    }
    throw new Unsupported(type.getTypeName() + " from " + v.getClass().getSimpleName());
  }

  private static Object nonNull(Object v) throws Unsupported {
    if (v == null) {
      throw new Unsupported("null in a list or map");
    }
    return v;
  }

  private static Object record(Map<?, ?> m, Class<?> type) throws Unsupported {
    List<Component> components = components(type);
    Object[] args = new Object[components.size()];
    Class<?>[] types = new Class<?>[components.size()];
    for (int i = 0; i < args.length; i++) {
      Component c = components.get(i);
      args[i] = value(m.get(c.json()), c.type(), c.uint64());
      types[i] = c.rc().getType();
      if (types[i].isPrimitive()) {
        throw new Unsupported("primitive component " + c.rc().getName());
      }
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      // A compact constructor refused the values: Jackson words that error.
      throw new Unsupported(type.getName() + ": " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("construct " + type.getName(), e);
    }
  }

  /**
   * {@code record} as plain values for {@link GoJson}, as the Jackson mapper writes it: null
   * components left out, map keys sorted, {@link Uint64} values unsigned.
   */
  public static Object tree(Object value) {
    return tree(value, false);
  }

  private static Object tree(Object v, boolean uint64) {
    if (v instanceof Long l && uint64 && l < 0) {
      return new BigInteger(Long.toUnsignedString(l));
    }
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(e -> out.add(tree(e, false)));
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, e) -> out.put((String) k, tree(e, false)));
      return out;
    }
    if (v.getClass().isRecord()) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Component c : components(v.getClass())) {
        Object component;
        try {
          c.rc().getAccessor().setAccessible(true);
          component = c.rc().getAccessor().invoke(v);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("read " + c.rc(), e);
        }
        if (component != null) {
          out.put(c.json(), tree(component, c.uint64()));
        }
      }
      return out;
    }
    throw new IllegalArgumentException("not JSON-shaped: " + v.getClass().getName());
  }
}
