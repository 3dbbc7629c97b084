package io.jcrun.image;

/** No image in the store has the reference or digest asked for. */
public final class ImageNotFoundException extends ImageException {
  private static final long serialVersionUID = 1L;

  private final String reference;

  public ImageNotFoundException(String operation, String reference) {
    super(operation + " " + reference + ": no such image");
    this.reference = reference;
  }

  public String reference() {
    return reference;
  }
}
