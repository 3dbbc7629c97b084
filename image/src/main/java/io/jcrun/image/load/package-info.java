/**
 * Importing images: OCI image layouts (a directory or a tar of one) and {@code docker save}
 * archives, with platform selection, streaming verification and staging under a lease. Internal
 * to jcrun-image; {@code io.jcrun.image.ImageStore#load} is the API.
 */
package io.jcrun.image.load;
