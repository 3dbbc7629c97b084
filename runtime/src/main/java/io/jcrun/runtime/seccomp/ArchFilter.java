package io.jcrun.runtime.seccomp;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The part of the program for one {@code seccomp_data.arch} value: syscall number ranges, each
 * starting at a key and running to the next, with their decisions. The ranges cover every 32-bit
 * number from 0. Immutable.
 *
 * @param args32 whether arguments are compared on their low 32 bits only (32-bit ABIs)
 */
record ArchFilter(int auditArch, boolean args32, NavigableMap<Long, SyscallDecision> ranges) {
  ArchFilter {
    if (ranges.isEmpty() || ranges.firstKey() != 0) {
      throw new IllegalArgumentException("syscall ranges must start at 0");
    }
    ranges = Collections.unmodifiableNavigableMap(new TreeMap<>(ranges));
  }
}
