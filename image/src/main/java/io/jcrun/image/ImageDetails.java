package io.jcrun.image;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code image inspect} shows: the image, where each layer is unpacked (and whether it is),
 * and the holders (containers) that keep it from prune. Immutable.
 */
public record ImageDetails(Image image, List<LayerState> layers, List<String> holders) {
  public ImageDetails {
    layers = List.copyOf(layers);
    holders = List.copyOf(holders);
  }

  /** One layer and its unpacked directory in the store. */
  public record LayerState(ImageLayer layer, boolean unpacked, Path directory) {}
}
