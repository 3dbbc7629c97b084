package io.jcrun.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * An absolute path as seen inside a container, lexically cleaned like Go's {@code filepath.Clean}
 * ({@code /a/../../b} is {@code /b}). A separate type from the host {@link java.nio.file.Path} so
 * that the two are never joined by accident: only {@code openInRoot} resolves one on the host.
 */
public record ContainerPath(String value) {
  public ContainerPath {
    if (!value.startsWith("/")) {
      throw new IllegalArgumentException("\"" + value + "\" is not an absolute path");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("path contains a NUL byte");
    }
    value = clean(value);
  }

  public static ContainerPath of(String value) {
    return new ContainerPath(value);
  }

  private static String clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
        continue;
      }
      parts.add(p);
    }
    return "/" + String.join("/", parts);
  }

  public boolean isRoot() {
    return value.equals("/");
  }

  /** The path without its leading slash, as {@code openat} relative to a root fd wants it. */
  public String relative() {
    return value.substring(1);
  }

  public ContainerPath parent() {
    int i = value.lastIndexOf('/');
    return new ContainerPath(i <= 0 ? "/" : value.substring(0, i));
  }

  public String fileName() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  public ContainerPath resolve(String child) {
    return new ContainerPath(value + "/" + child);
  }

  @Override
  public String toString() {
    return value;
  }
}
