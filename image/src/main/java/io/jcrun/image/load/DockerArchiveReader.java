package io.jcrun.image.load;

import io.jcrun.image.BlobVerificationException;
import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.spec.image.DockerManifestEntry;
import io.jcrun.spec.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code docker save} archive: {@code manifest.json} lists each image's config file, its
 * layer tars (lowest first) and its tags. Nothing in it states the layer blobs' digests, so they
 * are computed while reading, and each layer is verified against the config's diff ids.
 */
final class DockerArchiveReader {
  /** {@code blobs/sha256/HEX} (Docker 25 and later) or {@code HEX.json} (older configs). */
  private static final Pattern DIGEST_NAME =
      Pattern.compile("(?:blobs/(sha256|sha512)/)?([0-9a-f]{64}|[0-9a-f]{128})(?:\\.json)?");

  private DockerArchiveReader() {}

  static boolean isArchive(LayoutDirectory dir) {
    return dir.exists("manifest.json");
  }

  static List<ImagePlan> plans(LayoutDirectory dir) throws ImageException {
    DockerManifestEntry[] entries = JsonBlobs.parse(JsonBlobs.read(dir, "manifest.json"),
        DockerManifestEntry[].class, "manifest.json");
    if (entries.length == 0) {
      throw new ImageException("manifest.json: no images");
    }
    List<ImagePlan> plans = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      DockerManifestEntry entry = entries[i];
      String what = "manifest.json[" + i + "]";
      if (entry.config() == null) {
        throw new ImageException(what + ": no Config");
      }
      byte[] configBytes = JsonBlobs.read(dir, entry.config());
      Digest configDigest = Digest.sha256(configBytes);
      Digest named = digestInName(dir.canonical(entry.config()));
      if (named != null && !named.algorithm().equals("sha256")) {
        configDigest = Digest.of(named.algorithm(), named.newMessageDigest().digest(configBytes));
      }
      if (named != null && !named.equals(configDigest)) {
        throw new BlobVerificationException("config " + entry.config() + ": content has digest "
            + configDigest + ", its name says " + named);
      }
      ImageConfig config = JsonBlobs.parse(configBytes, ImageConfig.class, "config "
          + entry.config());
      List<String> layerPaths = entry.layers() == null ? List.of() : entry.layers();
      List<Digest> diffIds = OciLayoutReader.diffIds(config, configDigest, layerPaths.size());
      List<LayerPlan> layers = new ArrayList<>();
      for (int l = 0; l < layerPaths.size(); l++) {
        String path = layerPaths.get(l);
        if (!dir.exists(path)) {
          throw new ImageException(what + ": layer " + path + " is not in the archive");
        }
        layers.add(new LayerPlan(path, digestInName(dir.canonical(path)), -1, null,
            diffIds.get(l)));
      }
      List<String> names = entry.repoTags() == null ? List.of() : entry.repoTags();
      plans.add(new ImagePlan(names, null, null, null, configDigest, configBytes, config,
          layers));
    }
    return plans;
  }

  private static Digest digestInName(String path) {
    Matcher m = DIGEST_NAME.matcher(path);
    if (!m.matches()) {
      return null;
    }
    String algorithm = m.group(1) != null ? m.group(1)
        : m.group(2).length() == 64 ? "sha256" : "sha512";
    return new Digest(algorithm, m.group(2));
  }
}
