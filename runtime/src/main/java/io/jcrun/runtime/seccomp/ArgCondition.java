package io.jcrun.runtime.seccomp;

import java.util.Objects;

/**
 * A comparison of syscall argument {@code index} (0 to 5) with {@code value}, as in an OCI {@code
 * args} entry. Values are unsigned 64-bit numbers held in a {@code long}; for {@link
 * CompareOp#SCMP_CMP_MASKED_EQ} {@code value} is the mask and {@code valueTwo} the expected value,
 * otherwise {@code valueTwo} is unused.
 */
public record ArgCondition(int index, long value, long valueTwo, CompareOp op) {
  /** seccomp_data holds six arguments, the most any Linux syscall takes. */
  static final int MAX_ARGS = 6;

  public ArgCondition {
    Objects.requireNonNull(op, "op");
    if (index < 0 || index >= MAX_ARGS) {
      throw new IllegalArgumentException("argument index " + index + " is not in [0, 5]");
    }
  }

  /** A condition without a second value, for every operator but MASKED_EQ. */
  public ArgCondition(int index, long value, CompareOp op) {
    this(index, value, 0, op);
  }

  /**
   * Whether argument value {@code arg} satisfies this condition on a 64-bit ABI (on i386 the filter
   * compares the low 32 bits only, see {@link SeccompCompiler}).
   */
  public boolean test(long arg) {
    return op.test(arg, value, valueTwo);
  }
}
