package io.jcrun.image;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ImageStore#remove} did: the names it removed and, when no name was left, the image
 * it deleted (its blobs and layers went too unless something else uses them).
 */
public record Removal(List<String> untagged, Optional<Digest> deleted) {
  public Removal {
    untagged = List.copyOf(untagged);
  }
}
