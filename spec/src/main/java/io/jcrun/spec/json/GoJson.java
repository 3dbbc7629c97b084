package io.jcrun.spec.json;

import java.util.List;
import java.util.Map;

/**
 * Writes plain values ({@link Map} in its own order, {@link List}, {@link String}, integers
 * ({@code Integer}, {@code Long}, {@code BigInteger}),
 * {@link Boolean}, null) as Go's {@code encoding/json} does, which is what engines compare
 * runc's output with: {@code <}, {@code >} and {@code &} escaped as {@code \u003c}..., U+2028 and
 * U+2029 escaped, other non-ASCII as is; {@code json.MarshalIndent} layout with {@code "key":
 * value}, {@code {}} and {@code []} for empty containers. No trailing newline.
 */
public final class GoJson {
  private GoJson() {}

  /** {@code json.Marshal}: one line. */
  public static String compact(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, null, 0);
    return sb.toString();
  }

  /** {@code json.MarshalIndent(value, "", indent)}. */
  public static String indented(Object value, String indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, indent, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value, String indent, int depth) {
    switch (value) {
      case null -> sb.append("null");
      case String s -> quote(sb, s);
      case Boolean b -> sb.append(b);
      case Integer i -> sb.append(i);
      case Long l -> sb.append(l);
      case java.math.BigInteger b -> sb.append(b);
      case Map<?, ?> map -> {
        if (map.isEmpty()) {
          sb.append("{}");
          return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          newline(sb, indent, depth + 1);
          quote(sb, (String) e.getKey());
          sb.append(indent == null ? ":" : ": ");
          write(sb, e.getValue(), indent, depth + 1);
        }
        newline(sb, indent, depth);
        sb.append('}');
      }
      case List<?> list -> {
        if (list.isEmpty()) {
          sb.append("[]");
          return;
        }
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          newline(sb, indent, depth + 1);
          write(sb, list.get(i), indent, depth + 1);
        }
        newline(sb, indent, depth);
        sb.append(']');
      }
      default -> throw new IllegalArgumentException(
          "not a JSON value: " + value.getClass().getName());
    }
  }

  private static void newline(StringBuilder sb, String indent, int depth) {
    if (indent != null) {
      sb.append('\n');
      sb.append(indent.repeat(depth));
    }
  }

  /** A JSON string as Go's encoder writes it (with HTML escaping, its default). */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder();
    quote(sb, s);
    return sb.toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> hex(sb, c);
        default -> {
          if (c < 0x20) {
            hex(sb, c);
          } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
              && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c) && i > 0
              && Character.isHighSurrogate(s.charAt(i - 1)))) {
            sb.append("\\ufffd"); // a lone surrogate is not UTF-8: Go writes U+FFFD
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void hex(StringBuilder sb, char c) {
    String digits = Integer.toHexString(c);
    sb.append("\\u").append("0".repeat(4 - digits.length())).append(digits);
  }
}
