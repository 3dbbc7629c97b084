package io.jcrun.image.layer;

/**
 * What applying a layer did: entries applied, regular-file bytes written, whiteouts, and whether
 * the layer hides every layer below it (an opaque root).
 */
public record LayerStats(long entries, long bytes, long whiteouts, boolean opaqueRoot) {}
