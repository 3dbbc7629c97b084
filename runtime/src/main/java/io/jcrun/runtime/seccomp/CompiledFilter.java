package io.jcrun.runtime.seccomp;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A seccomp filter ready for {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog)}: the classic
 * BPF program as little-endian {@code struct sock_filter}s and the flags bits, plus what the
 * compiler left out so the caller can log it. Immutable.
 *
 * @param program the sock_filter array, 8 bytes per instruction
 * @param flags the {@code SECCOMP_FILTER_FLAG_*} bits to pass to seccomp(2)
 * @param skippedNames per filtered architecture, the rule's syscall names that it does not have
 *     (libseccomp and runc skip them silently), in profile order
 * @param skippedArchitectures profile architectures jcrun has no syscall table for; their syscalls
 *     get the bad-arch action
 */
public record CompiledFilter(
    byte[] program,
    int flags,
    Map<SeccompArch, List<String>> skippedNames,
    Set<SeccompArch> skippedArchitectures) {
  public CompiledFilter {
    if (program.length % BpfInstruction.SIZE != 0) {
      throw new IllegalArgumentException(
          "BPF program of " + program.length + " bytes is not a whole number of instructions");
    }
    program = program.clone();
    Map<SeccompArch, List<String>> names = new EnumMap<>(SeccompArch.class);
    skippedNames.forEach((arch, list) -> names.put(arch, List.copyOf(list)));
    skippedNames = Collections.unmodifiableMap(names);
    Set<SeccompArch> archs = EnumSet.noneOf(SeccompArch.class);
    archs.addAll(skippedArchitectures);
    skippedArchitectures = Collections.unmodifiableSet(archs);
  }

  /** A copy of the program bytes. */
  @Override
  public byte[] program() {
    return program.clone();
  }

  /** Number of BPF instructions, at most {@link BpfInstruction#MAX_INSTRUCTIONS}. */
  public int instructionCount() {
    return program.length / BpfInstruction.SIZE;
  }

  /** The flags as constants. */
  public Set<SeccompFlag> flagSet() {
    Set<SeccompFlag> set = EnumSet.noneOf(SeccompFlag.class);
    for (SeccompFlag flag : SeccompFlag.values()) {
      if ((flags & flag.bit()) != 0) {
        set.add(flag);
      }
    }
    return set;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CompiledFilter that
        && Arrays.equals(program, that.program)
        && flags == that.flags
        && skippedNames.equals(that.skippedNames)
        && skippedArchitectures.equals(that.skippedArchitectures);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(program) + flags;
  }

  @Override
  public String toString() {
    return "CompiledFilter["
        + instructionCount()
        + " instructions, flags 0x"
        + Integer.toHexString(flags)
        + ", skippedNames="
        + skippedNames
        + ", skippedArchitectures="
        + skippedArchitectures
        + "]";
  }
}
