package io.jcrun.spec;

/**
 * The {@code root} object of {@code config.json}: the rootfs path, relative to the bundle or
 * absolute.
 */
public record Root(String path, Boolean readonly) {}
