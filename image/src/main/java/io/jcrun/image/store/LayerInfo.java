package io.jcrun.image.store;

/**
 * {@code layer.json} of an unpacked layer: what unpacking it found. {@code rootMode}, {@code
 * rootUid} and {@code rootGid} are null when the layer has no entry for its root directory.
 * {@code opaqueRoot} means the layer hides every layer below it.
 */
public record LayerInfo(
    String diffId,
    String blob,
    long entries,
    long bytes,
    boolean opaqueRoot,
    Integer rootMode,
    Integer rootUid,
    Integer rootGid,
    String unpacked) {}
