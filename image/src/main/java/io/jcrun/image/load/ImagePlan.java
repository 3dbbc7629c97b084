package io.jcrun.image.load;

import io.jcrun.image.Digest;
import io.jcrun.spec.image.ImageConfig;
import io.jcrun.spec.image.ImageManifest;
import java.util.List;

/**
 * One image to import, its small blobs already read and verified. A {@code docker save} image has
 * no manifest yet ({@code manifest} and {@code manifestDigest} null): it is written once the layer
 * blobs' digests are known.
 */
record ImagePlan(
    List<String> names,
    Digest manifestDigest,
    byte[] manifestBytes,
    ImageManifest manifest,
    Digest configDigest,
    byte[] configBytes,
    ImageConfig config,
    List<LayerPlan> layers) {

  ImagePlan {
    names = List.copyOf(names);
    layers = List.copyOf(layers);
  }

  ImagePlan withManifest(Digest digest, byte[] bytes, ImageManifest parsed) {
    return new ImagePlan(names, digest, bytes, parsed, configDigest, configBytes, config, layers);
  }

  ImagePlan withNames(List<String> more) {
    List<String> merged = new java.util.ArrayList<>(names);
    more.stream().filter(n -> !merged.contains(n)).forEach(merged::add);
    return new ImagePlan(merged, manifestDigest, manifestBytes, manifest, configDigest,
        configBytes, config, layers);
  }
}
