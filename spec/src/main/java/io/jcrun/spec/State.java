package io.jcrun.spec;

import java.util.Map;

/**
 * The runtime-spec state of a container, as {@code state} prints it and hooks read it on stdin.
 * {@code status} is one of creating, created, running, stopped (runc adds paused).
 */
public record State(
    String ociVersion,
    String id,
    String status,
    Integer pid,
    String bundle,
    Map<String, String> annotations) {}
