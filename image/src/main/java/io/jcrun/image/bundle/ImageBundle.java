package io.jcrun.image.bundle;

import io.jcrun.image.Digest;
import java.nio.file.Path;

/**
 * A bundle made from an image: its dir (with {@code config.json}), the mounted rootfs, the image,
 * the holder id that keeps the image from prune, and how many layers were unpacked for it (0 when
 * all were cached). {@link BundleCleaner#cleanup} undoes it.
 */
public record ImageBundle(Path dir, Path rootfs, Digest image, String holder,
    int unpackedLayers) {}
