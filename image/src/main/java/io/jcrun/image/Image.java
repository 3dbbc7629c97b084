package io.jcrun.image;

import io.jcrun.spec.image.ImageConfig;
import io.jcrun.spec.image.ImageManifest;
import java.time.Instant;
import java.util.List;

/**
 * An image in the store: its manifest digest (the image's identity), its names, the manifest and
 * config as verified against their digests, and its layers lowest first. Immutable.
 */
public record Image(
    Digest digest,
    List<String> names,
    ImageManifest manifest,
    ImageConfig config,
    List<ImageLayer> layers,
    String platform,
    Instant loaded) {

  public Image {
    names = List.copyOf(names);
    layers = List.copyOf(layers);
  }

  /** The first name, or the digest when the image has none. */
  public String displayName() {
    return names.isEmpty() ? digest.toString() : names.getFirst();
  }

  /** The sum of the layer blobs' sizes, as compressed in the store. */
  public long size() {
    return layers.stream().mapToLong(ImageLayer::size).sum();
  }
}
