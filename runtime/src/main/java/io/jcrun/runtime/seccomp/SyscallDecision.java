package io.jcrun.runtime.seccomp;

import java.util.List;

/**
 * What the filter returns for one syscall number: the return value of the first branch whose
 * conditions all hold, else {@code otherwise}. Immutable; two numbers with equal decisions share
 * one range of the compiled lookup. Conditions are already reduced to what the architecture
 * compares (see {@link SeccompCompiler}).
 */
record SyscallDecision(List<Branch> branches, int otherwise) {
  /** Conditions (ANDed) and the value returned when they all hold. */
  record Branch(List<ArgCondition> conditions, int returnValue) {
    Branch {
      conditions = List.copyOf(conditions);
    }
  }

  SyscallDecision {
    branches = List.copyOf(branches);
  }

  /** A decision that needs no argument: always {@code value}. */
  static SyscallDecision returning(int value) {
    return new SyscallDecision(List.of(), value);
  }

  boolean isConstant() {
    return branches.isEmpty();
  }
}
