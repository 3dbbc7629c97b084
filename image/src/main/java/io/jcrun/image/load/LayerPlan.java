package io.jcrun.image.load;

import io.jcrun.image.Digest;

/**
 * One layer to import: where its blob is in the archive, what describes it ({@code digest} null
 * and {@code size} -1 when the archive does not say, as in {@code docker save}), and the diff id
 * the image config promises.
 */
record LayerPlan(String path, Digest digest, long size, String mediaType, Digest diffId) {}
