/**
 * Assembling a container's rootfs from an image: the image's unpacked layers as overlay lower
 * dirs (topmost first) under a per-container upper and work dir. Uses {@code io.jcrun.overlayfs}.
 */
package io.jcrun.image.rootfs;
