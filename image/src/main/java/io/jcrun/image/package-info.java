/**
 * jcrun's images: {@link io.jcrun.image.ImageStore} (import, list, resolve, remove, prune, holds)
 * and the value types it returns. The CLI calls this package, {@code rootfs} and {@code bundle};
 * the other packages are internal. Depends on {@code io.jcrun.linux}, {@code io.jcrun.spec} and
 * {@code io.jcrun.overlayfs}, never on the runtime.
 */
package io.jcrun.image;
