package io.jcrun.linux;

/** In a spawned child, {@code source} becomes fd {@code target}. */
public record FdMapping(Fd source, int target) {}
