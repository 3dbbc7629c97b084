package io.jcrun.spec;

import java.io.IOException;

/**
 * A spec or image JSON document could not be opened or mapped. The message is one line: {@code
 * <json path>: <reason>} for a value of the wrong type or range, {@code malformed JSON at line L,
 * column C: <reason>}, or {@code open <file>: <reason>}.
 */
public final class SpecException extends IOException {
  private final String jsonPath;
  private final String reason;

  public SpecException(String message) {
    this(message, null, message, null);
  }

  public SpecException(String message, Throwable cause) {
    this(message, null, message, cause);
  }

  private SpecException(String message, String jsonPath, String reason, Throwable cause) {
    super(message, cause);
    this.jsonPath = jsonPath;
    this.reason = reason;
  }

  /** An error about the value at {@code jsonPath}; an empty path is the document itself. */
  static SpecException atPath(String jsonPath, String reason, Throwable cause) {
    String message = jsonPath.isEmpty() ? reason : jsonPath + ": " + reason;
    return new SpecException(message, jsonPath, reason, cause);
  }

  /**
   * The JSON path of the offending value, such as {@code linux.namespaces[2].type} ({@code ""} for
   * the whole document), or null when the error is not about one value (I/O, malformed JSON).
   */
  public String jsonPath() {
    return jsonPath;
  }

  /** The message without the JSON path, e.g. {@code expected a string, got a number}. */
  public String reason() {
    return reason;
  }
}
