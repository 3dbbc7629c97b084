package io.jcrun.spec.image;

/** The media types of OCI and Docker image content that jcrun recognises. */
public final class MediaTypes {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

  /** The empty JSON object {@code {}}, the config of artifacts that have none. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_TAR_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** A layer that registries do not serve (Windows base layers); it is fetched from its urls. */
  public static final String DOCKER_FOREIGN_LAYER_TAR_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  private MediaTypes() {}
}
