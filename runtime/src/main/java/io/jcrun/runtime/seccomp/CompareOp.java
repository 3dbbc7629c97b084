package io.jcrun.runtime.seccomp;

import java.util.Arrays;

/**
 * A comparison of a syscall argument with a rule's value, as the OCI spec names it ({@code
 * SCMP_CMP_*}). All comparisons are unsigned, as in libseccomp.
 */
public enum CompareOp {
  SCMP_CMP_NE,
  SCMP_CMP_LT,
  SCMP_CMP_LE,
  SCMP_CMP_EQ,
  SCMP_CMP_GE,
  SCMP_CMP_GT,
  /** {@code (arg & value) == (valueTwo & value)}: value is the mask. */
  SCMP_CMP_MASKED_EQ;

  /**
   * Parses an OCI operator name such as {@code SCMP_CMP_MASKED_EQ}.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code name} is not one
   */
  public static CompareOp parse(String name) {
    for (CompareOp op : values()) {
      if (op.name().equals(name)) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        "\"" + name + "\" is not one of " + Arrays.toString(values()));
  }

  /** Whether {@code arg} satisfies this comparison with {@code value} and {@code valueTwo}. */
  public boolean test(long arg, long value, long valueTwo) {
    return switch (this) {
      case SCMP_CMP_NE -> arg != value;
      case SCMP_CMP_LT -> Long.compareUnsigned(arg, value) < 0;
      case SCMP_CMP_LE -> Long.compareUnsigned(arg, value) <= 0;
      case SCMP_CMP_EQ -> arg == value;
      case SCMP_CMP_GE -> Long.compareUnsigned(arg, value) >= 0;
      case SCMP_CMP_GT -> Long.compareUnsigned(arg, value) > 0;
      case SCMP_CMP_MASKED_EQ -> (arg & value) == (valueTwo & value);
    };
  }
}
