package io.jcrun.image;

import java.util.List;

/** What prune removed: dangling images, blobs and unpacked layers, and the bytes freed. */
public record PruneResult(List<Digest> images, int blobs, int layers, long bytes) {
  public PruneResult {
    images = List.copyOf(images);
  }
}
