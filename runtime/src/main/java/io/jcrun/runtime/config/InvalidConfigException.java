package io.jcrun.runtime.config;

import io.jcrun.runtime.JcrunException;

/** A config value that is invalid or unsupported, named by its JSON path. */
public final class InvalidConfigException extends JcrunException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public InvalidConfigException(String path, String reason) {
    super(path + ": " + reason);
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** {@code "x" is not one of [a, b]}. */
  public static InvalidConfigException notOneOf(String path, String value, Iterable<?> allowed) {
    return new InvalidConfigException(path, "\"" + value + "\" is not one of " + allowed);
  }
}
