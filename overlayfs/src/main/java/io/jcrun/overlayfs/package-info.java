/**
 * Overlay mounts of image layers (lower dirs top first, a per-container upper and work dir) and
 * the overlay whiteout format. Depends on {@code io.jcrun.linux} only; knows nothing of images.
 */
package io.jcrun.overlayfs;
