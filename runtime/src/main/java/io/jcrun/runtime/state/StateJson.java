package io.jcrun.runtime.state;

import io.jcrun.runtime.config.HookConfig;
import io.jcrun.runtime.config.HooksConfig;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.json.GoJson;
import io.jcrun.spec.json.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code state.json} written and read by hand, with no Jackson databind: every {@code state},
 * {@code list}, {@code kill} and {@code delete} reads it, and databind's start-up cost would be
 * most of theirs. Unknown fields are ignored, so a newer jcrun's state stays readable.
 */
final class StateJson {
  private StateJson() {}

  private static final List<String> HOOK_KINDS = List.of("prestart", "createRuntime",
      "createContainer", "startContainer", "poststart", "poststop");

  static String write(ContainerState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("ociVersion", s.ociVersion());
    m.put("pid", s.pid());
    m.put("pidStartTime", s.pidStartTime());
    m.put("bundle", s.bundle());
    m.put("rootfs", s.rootfs());
    m.put("created", s.created());
    m.put("ownerUid", s.ownerUid());
    m.put("annotations", new TreeMap<>(s.annotations()));
    m.put("cgroupPaths", new TreeMap<>(s.cgroupPaths()));
    m.put("hasPidNamespace", s.hasPidNamespace());
    m.put("namespaces", s.namespaces());
    Map<String, Object> hooks = new LinkedHashMap<>();
    List<List<HookConfig>> lists = hookLists(s.hooks());
    for (int i = 0; i < HOOK_KINDS.size(); i++) {
      if (!lists.get(i).isEmpty()) {
        hooks.put(HOOK_KINDS.get(i), lists.get(i).stream().map(StateJson::hook).toList());
      }
    }
    m.put("hooks", hooks);
    return GoJson.compact(m);
  }

  private static List<List<HookConfig>> hookLists(HooksConfig h) {
    return List.of(h.prestart(), h.createRuntime(), h.createContainer(), h.startContainer(),
        h.poststart(), h.poststop());
  }

  private static Map<String, Object> hook(HookConfig h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", h.path());
    m.put("args", h.args());
    m.put("env", h.env());
    m.put("timeout", h.timeoutSeconds());
    return m;
  }

  static ContainerState read(String json) throws SpecException {
    Fields f = new Fields(JsonTree.parse(json), "");
    Fields hooks = f.object("hooks");
    List<List<HookConfig>> lists = new ArrayList<>();
    for (String kind : HOOK_KINDS) {
      List<HookConfig> list = new ArrayList<>();
      for (Fields h : hooks.objects(kind)) {
        list.add(new HookConfig(h.string("path"), h.strings("args"), h.strings("env"),
            (int) h.number("timeout")));
      }
      lists.add(list);
    }
    return new ContainerState(f.string("id"), f.string("ociVersion"), (int) f.number("pid"),
        f.number("pidStartTime"), f.string("bundle"), f.string("rootfs"), f.string("created"),
        (int) f.number("ownerUid"), f.stringMap("annotations"), f.stringMap("cgroupPaths"),
        f.bool("hasPidNamespace"), f.strings("namespaces"),
        new HooksConfig(lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4),
            lists.get(5)));
  }

  /** Typed reads of one object's fields; a missing field reads as empty, zero or false. */
  private record Fields(Map<?, ?> map, String path) {
    Fields(Object value, String path) throws SpecException {
      this(asMap(value, path), path);
    }

    private static Map<?, ?> asMap(Object value, String path) throws SpecException {
      if (value == null) {
        return Map.of();
      }
      if (!(value instanceof Map<?, ?> m)) {
        throw wrongType(path, "an object", value);
      }
      return m;
    }

    private String at(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    String string(String field) throws SpecException {
      Object v = map.get(field);
      if (v == null) {
        return "";
      }
      if (!(v instanceof String s)) {
        throw wrongType(at(field), "a string", v);
      }
      return s;
    }

    long number(String field) throws SpecException {
      Object v = map.get(field);
      if (v == null) {
        return 0;
      }
      if (!(v instanceof Long l)) {
        throw wrongType(at(field), "an integer", v);
      }
      return l;
    }

    boolean bool(String field) throws SpecException {
      Object v = map.get(field);
      if (v == null) {
        return false;
      }
      if (!(v instanceof Boolean b)) {
        throw wrongType(at(field), "a boolean", v);
      }
      return b;
    }

    Fields object(String field) throws SpecException {
      return new Fields(map.get(field), at(field));
    }

    List<String> strings(String field) throws SpecException {
      List<String> out = new ArrayList<>();
      int i = 0;
      for (Object v : list(field)) {
        if (!(v instanceof String s)) {
          throw wrongType(at(field) + "[" + i + "]", "a string", v);
        }
        out.add(s);
        i++;
      }
      return out;
    }

    List<Fields> objects(String field) throws SpecException {
      List<Fields> out = new ArrayList<>();
      int i = 0;
      for (Object v : list(field)) {
        out.add(new Fields(v, at(field) + "[" + i++ + "]"));
      }
      return out;
    }

    private List<?> list(String field) throws SpecException {
      Object v = map.get(field);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> l)) {
        throw wrongType(at(field), "an array", v);
      }
      return l;
    }

    Map<String, String> stringMap(String field) throws SpecException {
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : object(field).map().entrySet()) {
        if (!(e.getValue() instanceof String s)) {
          throw wrongType(at(field) + "." + e.getKey(), "a string", e.getValue());
        }
        out.put((String) e.getKey(), s);
      }
      return out;
    }

    private static SpecException wrongType(String path, String expected, Object got) {
      String kind = switch (got) {
        case null -> "null";
        case String s -> "a string";
        case Boolean b -> "a boolean";
        case Map<?, ?> m -> "an object";
        case List<?> l -> "an array";
        default -> "a number";
      };
      return new SpecException(path + ": expected " + expected + ", got " + kind);
    }
  }
}
