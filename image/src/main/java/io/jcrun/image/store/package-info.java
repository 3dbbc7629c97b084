/**
 * The on-disk content store: its layout, the store lock, leases that protect an operation's
 * content from prune, the image index, holds by containers, and garbage collection. Internal to
 * jcrun-image; {@code io.jcrun.image.ImageStore} is the API.
 */
package io.jcrun.image.store;
