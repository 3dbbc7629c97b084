package io.jcrun.runtime.config;

import io.jcrun.linux.Capability;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The five capability sets of a process as bit masks over {@link Capability#number()}. */
public record CapabilitySets(long bounding, long effective, long inheritable, long permitted,
    long ambient) {

  public static boolean has(long mask, Capability cap) {
    return (mask & (1L << cap.number())) != 0;
  }

  public static String render(long mask) {
    return Arrays.stream(Capability.values()).filter(c -> has(mask, c)).map(Capability::name)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
