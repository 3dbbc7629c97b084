package io.jcrun.image;

import io.jcrun.spec.image.Platform;

/**
 * Platforms as {@code --platform} names them ({@code os/arch[/variant]}), the host's, and whether
 * an image's platform satisfies a wanted one.
 */
public final class Platforms {
  private Platforms() {}

  /** The platform this JVM runs on, in GOOS/GOARCH names. */
  public static Platform host() {
    String arch = switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "arm" -> "arm";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      case "x86", "i386", "i686" -> "386";
      default -> System.getProperty("os.arch");
    };
    return new Platform(arch, "linux", null, null, null);
  }

  /** Parses {@code linux/arm64/v8}; the message of the exception says what is wrong. */
  public static Platform parse(String value) {
    String[] parts = value.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || (parts.length == 3 && parts[2].isEmpty())) {
      throw new IllegalArgumentException(
          "platform \"" + value + "\": expected os/arch or os/arch/variant, e.g. linux/arm64/v8");
    }
    return new Platform(parts[1], parts[0], null, null, parts.length == 3 ? parts[2] : null);
  }

  /** {@code os/arch[/variant]}. */
  public static String format(Platform p) {
    return p.os() + "/" + p.architecture() + (p.variant() == null ? "" : "/" + p.variant());
  }

  /**
   * Whether {@code candidate} runs on {@code wanted}: same os and architecture, and the same
   * variant when both name one (arm64 without a variant is v8).
   */
  public static boolean matches(Platform wanted, Platform candidate) {
    if (candidate == null) {
      return true;
    }
    if (!wanted.os().equals(candidate.os())
        || !wanted.architecture().equals(candidate.architecture())) {
      return false;
    }
    String a = normalizedVariant(wanted);
    String b = normalizedVariant(candidate);
    return a == null || b == null || a.equals(b);
  }

  private static String normalizedVariant(Platform p) {
    if (p.variant() == null && "arm64".equals(p.architecture())) {
      return "v8";
    }
    return p.variant();
  }
}
