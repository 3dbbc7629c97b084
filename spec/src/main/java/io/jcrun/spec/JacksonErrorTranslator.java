package io.jcrun.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns Jackson's read failures into one-line {@link SpecException}s in jcrun's style. Loaded only
 * when a read fails, so its patterns cost nothing on the happy path.
 */
final class JacksonErrorTranslator {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Jackson renders a character as {@code ('x' (code 120))}; we show {@code 'x'}. */
  private static final Pattern JACKSON_CHAR = Pattern.compile("\\('(.+?)' \\(code \\d+\\)\\)");

  /** An opening bracket's location, {@code [Source: REDACTED (...); line: 1, column: 20]}. */
  private static final Pattern JACKSON_LOCATION =
      Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  private static final String JACKSON_VALUE_KINDS =
      "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

  private JacksonErrorTranslator() {}

  /**
   * Must run before the parser is closed: the "got ..." part is read from its current token, which
   * is still the offending one.
   */
  static SpecException translate(JacksonException e) {
    String path = e instanceof JsonMappingException m ? jsonPath(m.getPath()) : "";
    // Databind wraps parser errors met inside a value; what went wrong is the innermost one.
    StreamReadException cause = streamReadCause(e);
    if (cause instanceof InputCoercionException coercion) {
      return SpecException.atPath(path, outOfRange(coercion), e);
    }
    if (cause instanceof JsonEOFException) {
      return malformed(cause.getLocation(), "unexpected end of input", e);
    }
    if (cause != null) {
      return malformed(cause.getLocation(), shortReason(cause.getOriginalMessage()), e);
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return SpecException.atPath(path, mismatch(mismatch), e);
    }
    return SpecException.atPath(path, shortReason(e.getOriginalMessage()), e);
  }

  static SpecException malformed(JsonLocation at, String reason, Throwable cause) {
    return new SpecException(
        "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + reason,
        cause);
  }

  /** {@code expected an object, got null} for a document that is only {@code null}. */
  static SpecException nullDocument(Class<?> type) {
    return SpecException.atPath("", "expected " + expectedShape(type) + ", got null", null);
  }

  /** {@code linux.namespaces[2].type}; keys that are not identifiers as {@code ["a.b"]}. */
  static String jsonPath(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      String name = ref.getFieldName();
      if (name == null) {
        if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      } else if (IDENTIFIER.matcher(name).matches()) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(name);
      } else {
        String quoted = name.replace("\\", "\\\\").replace("\"", "\\\"");
        path.append("[\"").append(quoted).append("\"]");
      }
    }
    return path.toString();
  }

  private static StreamReadException streamReadCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException read) {
        return read;
      }
    }
    return null;
  }

  private static String mismatch(MismatchedInputException e) {
    String expected = expectedShape(e.getTargetType());
    JsonToken token = null;
    String text = null;
    if (e.getProcessor() instanceof JsonParser p) {
      token = p.currentToken();
      text = token != null && token.isScalarValue() ? text(p) : null;
    }
    String got =
        switch (token) {
          case null -> "the end of input";
          case VALUE_STRING -> "a string";
          case VALUE_NUMBER_INT -> "a number";
          // "expected an integer, got a number" would puzzle; show the fraction instead.
          case VALUE_NUMBER_FLOAT ->
              expected.equals("an integer") && text != null ? text : "a number";
          case VALUE_TRUE, VALUE_FALSE -> "a boolean";
          case VALUE_NULL -> "null";
          case START_ARRAY, END_ARRAY -> "an array";
          default -> "an object";
        };
    return "expected " + expected + ", got " + got;
  }

  private static String outOfRange(InputCoercionException e) {
    String number = e.getProcessor() instanceof JsonParser p ? text(p) : null;
    Class<?> target = e.getTargetType();
    String range;
    if (target == int.class || target == Integer.class) {
      range = "a 32-bit integer";
    } else if (target == long.class || target == Long.class) {
      range = "a 64-bit integer";
    } else {
      range = "its field";
    }
    return "number " + (number == null ? "" : number + " ") + "is out of range for " + range;
  }

  private static String text(JsonParser p) {
    try {
      return p.getText();
    } catch (IOException e) {
      return null;
    }
  }

  private static String expectedShape(Class<?> type) {
    if (type == String.class || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type == Long.class
        || type == long.class
        || type == Integer.class
        || type == int.class
        || type == Short.class
        || type == short.class
        || type == Byte.class
        || type == byte.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type)
        || type == double.class
        || type == float.class
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  /** Jackson's parser message as one short line in our style. */
  private static String shortReason(String message) {
    if (message == null) {
      return "invalid JSON";
    }
    String line = message.lines().findFirst().orElse("").strip();
    line = JACKSON_LOCATION.matcher(line).replaceAll("line $1, column $2");
    line =
        JACKSON_CHAR
            .matcher(line)
            .replaceAll(m -> m.group(1).equals("'") ? "\"'\"" : "'$1'")
            .replace("was expecting " + JACKSON_VALUE_KINDS, "was expecting a value")
            .replace(" " + JACKSON_VALUE_KINDS, "");
    return lowerFirst(line);
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
