package io.jcrun.image.rootfs;

import io.jcrun.overlayfs.OverlayMount;

/**
 * A mounted rootfs: the overlay as mounted, and how many layers had to be unpacked for it (0 when
 * every layer was already in the store).
 */
public record AssembledRootfs(OverlayMount mount, int unpackedLayers) {}
