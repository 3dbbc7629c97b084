/**
 * OCI bundles made from images: {@code config.json} from the image config on top of jcrun's
 * default spec, the rootfs an overlay of the image's layers, and the cleanup that undoes both.
 */
package io.jcrun.image.bundle;
