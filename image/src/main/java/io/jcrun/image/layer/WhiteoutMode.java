package io.jcrun.image.layer;

/** How {@link LayerApplier} carries out whiteouts. */
public enum WhiteoutMode {
  /** Into an empty directory that becomes an overlay lower dir: overlayfs whiteouts and xattrs. */
  OVERLAY,
  /** Onto a rootfs holding the layers below: deletes what the whiteouts hide. */
  DELETE
}
