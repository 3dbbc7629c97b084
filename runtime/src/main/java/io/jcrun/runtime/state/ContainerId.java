package io.jcrun.runtime.state;

import io.jcrun.runtime.JcrunException;
import java.util.regex.Pattern;

/**
 * A validated container id: {@code [A-Za-z0-9_+.-]+}, not {@code .} or {@code ..} (the rule of
 * runc and youki), checked before any path is built from it.
 */
public record ContainerId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_+.-]{1,1024}");

  public static ContainerId of(String value) throws JcrunException {
    if (value == null || value.isEmpty()) {
      throw new JcrunException("container id cannot be empty");
    }
    if (!VALID.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw new JcrunException("invalid container id \"" + value
          + "\": use letters, digits and _+.- (not . or ..)");
    }
    return new ContainerId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
