package io.jcrun.image.load;

import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.image.Platforms;
import io.jcrun.spec.image.Descriptor;
import io.jcrun.spec.image.ImageConfig;
import io.jcrun.spec.image.ImageIndex;
import io.jcrun.spec.image.ImageManifest;
import io.jcrun.spec.image.MediaTypes;
import io.jcrun.spec.image.OciLayout;
import io.jcrun.spec.image.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OCI image layout: {@code oci-layout}, {@code index.json} and the blobs it names. Picks
 * the images to import: every manifest of the index that fits the platform, and from each nested
 * index (a multi-platform image) the one manifest that fits best.
 */
final class OciLayoutReader {
  /** containerd's and Docker's annotation with the full name; preferred over a bare tag. */
  static final String CONTAINERD_NAME = "io.containerd.image.name";
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private OciLayoutReader() {}

  static boolean isLayout(LayoutDirectory dir) {
    return dir.exists("oci-layout");
  }

  static List<ImagePlan> plans(LayoutDirectory dir, Platform wanted) throws ImageException {
    OciLayout layout = JsonBlobs.parse(JsonBlobs.read(dir, "oci-layout"), OciLayout.class,
        "oci-layout");
    if (!OciLayout.IMAGE_LAYOUT_VERSION.equals(layout.imageLayoutVersion())) {
      throw new ImageException("oci-layout: image layout version \""
          + layout.imageLayoutVersion() + "\" is not " + OciLayout.IMAGE_LAYOUT_VERSION);
    }
    ImageIndex index = JsonBlobs.parse(JsonBlobs.read(dir, "index.json"), ImageIndex.class,
        "index.json");
    if (index.manifests() == null || index.manifests().isEmpty()) {
      throw new ImageException("index.json: no manifests");
    }
    Map<Digest, ImagePlan> plans = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      List<String> names = names(d);
      Descriptor chosen = switch (mediaType(d)) {
        case MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST -> choose(dir, d, wanted);
        case MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST -> {
          if (!Platforms.matches(wanted, d.platform())) {
            skipped.add(Platforms.format(d.platform()));
            yield null;
          }
          yield d;
        }
        default -> null; // an artifact, not an image
      };
      if (chosen == null) {
        continue;
      }
      Digest digest = JsonBlobs.digest(chosen.digest(), "index.json manifest");
      ImagePlan existing = plans.get(digest);
      plans.put(digest, existing != null ? existing.withNames(names)
          : plan(dir, digest, size(chosen), names));
    }
    if (plans.isEmpty()) {
      throw new ImageException("index.json: no image for platform " + Platforms.format(wanted)
          + (skipped.isEmpty() ? "" : " (the layout has " + String.join(", ", skipped) + ")"));
    }
    return List.copyOf(plans.values());
  }

  private static String mediaType(Descriptor d) {
    // index.json entries without a media type are manifests in practice (old umoci, skopeo)
    return d.mediaType() == null ? MediaTypes.OCI_MANIFEST : d.mediaType();
  }

  private static long size(Descriptor d) {
    return d.size() == null ? -1 : d.size();
  }

  private static List<String> names(Descriptor d) {
    Map<String, String> a = d.annotations();
    if (a == null) {
      return List.of();
    }
    String name = a.getOrDefault(CONTAINERD_NAME, a.get(REF_NAME));
    return name == null || name.isEmpty() ? List.of() : List.of(name);
  }

  /** The manifest of a nested index that fits {@code wanted}: an exact variant first. */
  private static Descriptor choose(LayoutDirectory dir, Descriptor indexDescriptor,
      Platform wanted) throws ImageException {
    Digest digest = JsonBlobs.digest(indexDescriptor.digest(), "index.json manifest");
    ImageIndex nested = JsonBlobs.parse(JsonBlobs.readBlob(dir, digest, size(indexDescriptor)),
        ImageIndex.class, "index " + digest);
    List<Descriptor> manifests = nested.manifests() == null ? List.of() : nested.manifests();
    Descriptor lenient = null;
    List<String> available = new ArrayList<>();
    for (Descriptor m : manifests) {
      String type = mediaType(m);
      if (!type.equals(MediaTypes.OCI_MANIFEST) && !type.equals(MediaTypes.DOCKER_MANIFEST)
          || m.platform() == null) {
        continue;
      }
      available.add(Platforms.format(m.platform()));
      if (Platforms.matches(wanted, m.platform())) {
        if (java.util.Objects.equals(wanted.variant(), m.platform().variant())) {
          return m;
        }
        if (lenient == null) {
          lenient = m;
        }
      }
    }
    if (lenient == null) {
      throw new ImageException("index " + digest + ": no image for platform "
          + Platforms.format(wanted) + " (it has " + String.join(", ", available) + ")");
    }
    return lenient;
  }

  private static ImagePlan plan(LayoutDirectory dir, Digest digest, long size, List<String> names)
      throws ImageException {
    byte[] manifestBytes = JsonBlobs.readBlob(dir, digest, size);
    ImageManifest manifest = JsonBlobs.parse(manifestBytes, ImageManifest.class,
        "manifest " + digest);
    if (manifest.config() == null) {
      throw new ImageException("manifest " + digest + ": no config");
    }
    Digest configDigest = JsonBlobs.digest(manifest.config().digest(), "manifest " + digest
        + " config");
    byte[] configBytes = JsonBlobs.readBlob(dir, configDigest, size(manifest.config()));
    ImageConfig config = JsonBlobs.parse(configBytes, ImageConfig.class, "config " + configDigest);
    List<Descriptor> layers = manifest.layers() == null ? List.of() : manifest.layers();
    List<Digest> diffIds = diffIds(config, configDigest, layers.size());
    List<LayerPlan> layerPlans = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor l = layers.get(i);
      Digest blob = JsonBlobs.digest(l.digest(), "manifest " + digest + " layer " + i);
      layerPlans.add(new LayerPlan(JsonBlobs.blobPath(blob), blob, size(l), l.mediaType(),
          diffIds.get(i)));
    }
    return new ImagePlan(names, digest, manifestBytes, manifest, configDigest, configBytes,
        config, layerPlans);
  }

  /** The config's diff ids, one per layer. */
  static List<Digest> diffIds(ImageConfig config, Digest configDigest, int layers)
      throws ImageException {
    List<String> ids = config.rootFs() == null || config.rootFs().diffIds() == null
        ? List.of() : config.rootFs().diffIds();
    if (ids.size() != layers) {
      throw new ImageException("config " + configDigest + ": " + ids.size()
          + " diff ids in rootfs.diff_ids for " + layers + " layers");
    }
    List<Digest> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      out.add(JsonBlobs.digest(ids.get(i), "config " + configDigest + " rootfs.diff_ids[" + i
          + "]"));
    }
    return out;
  }
}
