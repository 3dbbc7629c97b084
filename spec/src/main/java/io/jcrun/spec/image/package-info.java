/**
 * Records mirroring the OCI image-spec JSON (index, manifest, image config, descriptors, the {@code
 * oci-layout} file) and the {@code manifest.json} of {@code docker save}. Wire format only: digests
 * stay strings, and reading blobs belongs to {@code io.jcrun.image}.
 */
package io.jcrun.spec.image;
