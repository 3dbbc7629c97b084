package io.jcrun.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code <algorithm>:<hex>}, of an algorithm jcrun can verify: sha256 or sha512.
 * Immutable; the hex is lower case and of the algorithm's length.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  public Digest {
    int length = switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> throw new IllegalArgumentException(
          "digest algorithm \"" + algorithm + "\" is not one of [sha256, sha512]");
    };
    if (hex.length() != length || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("digest \"" + algorithm + ":" + hex + "\": expected "
          + length + " lower-case hex digits");
    }
  }

  /** Parses {@code sha256:<hex>}; the message of the exception says what is wrong. */
  public static Digest parse(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("digest \"" + value + "\": expected <algorithm>:<hex>");
    }
    return new Digest(value.substring(0, colon), value.substring(colon + 1));
  }

  /** Whether {@link #parse} would accept {@code value}. */
  public static boolean isDigest(String value) {
    try {
      parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The sha256 of {@code data}. */
  public static Digest sha256(byte[] data) {
    return of("sha256", newMessageDigest("sha256").digest(data));
  }

  /** A digest from the raw hash bytes. */
  public static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  /** A fresh {@link MessageDigest} for {@code algorithm} (sha256 or sha512). */
  public static MessageDigest newMessageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(switch (algorithm) {
        case "sha256" -> "SHA-256";
        case "sha512" -> "SHA-512";
        default -> throw new IllegalArgumentException("digest algorithm " + algorithm);
      });
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  public MessageDigest newMessageDigest() {
    return newMessageDigest(algorithm);
  }

  /** The first 12 hex digits, as image ids are shown. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
