package io.jcrun.spec.image;

/** The {@code oci-layout} file at the root of an OCI image layout. */
public record OciLayout(String imageLayoutVersion) {
  /** The only layout version the image-spec defines. */
  public static final String IMAGE_LAYOUT_VERSION = "1.0.0";
}
