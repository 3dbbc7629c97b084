package io.jcrun.image;

/**
 * One layer of an image: its blob (as stored, maybe compressed) and its diff id (the digest of the
 * uncompressed tar), which names its unpacked directory.
 */
public record ImageLayer(Digest blob, Digest diffId, long size, String mediaType) {}
