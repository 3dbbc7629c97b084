package io.jcrun.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.spec.SpecMapper;
import io.jcrun.spec.image.Descriptor;
import io.jcrun.spec.image.DockerManifestEntry;
import io.jcrun.spec.image.ImageConfig;
import io.jcrun.spec.image.ImageIndex;
import io.jcrun.spec.image.ImageManifest;
import io.jcrun.spec.image.MediaTypes;
import io.jcrun.spec.image.OciLayout;
import io.jcrun.spec.image.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds OCI image layouts (and {@code docker save} archives) in tests from layer tars made with
 * {@link TarBuilder}: blobs, configs, manifests, nested indexes and {@code index.json}.
 */
public final class OciLayoutBuilder {
  /** A layer blob in the layout: its descriptor and its diff id. */
  public record Layer(Descriptor descriptor, Digest diffId, byte[] tar) {}

  private final Path dir;
  private final List<Descriptor> index = new ArrayList<>();

  public OciLayoutBuilder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Digest blob(byte[] data) {
    Digest d = Digest.sha256(data);
    try {
      Path file = dir.resolve("blobs/sha256/" + d.hex());
      Files.createDirectories(file.getParent());
      Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  public Layer gzipLayer(byte[] tar) {
    return layer(tar, TarBuilder.gzip(tar), MediaTypes.OCI_LAYER_TAR_GZIP);
  }

  public Layer plainLayer(byte[] tar) {
    return layer(tar, tar, MediaTypes.OCI_LAYER_TAR);
  }

  public Layer layer(byte[] tar, byte[] blob, String mediaType) {
    Digest d = blob(blob);
    return new Layer(new Descriptor(mediaType, d.toString(), (long) blob.length, null, null,
        null, null, null), Digest.sha256(tar), tar);
  }

  public static ImageConfig config(List<Layer> layers, String arch, ImageConfig.Config exec) {
    return new ImageConfig("2024-01-01T00:00:00Z", null, arch, "linux", null, null, null, exec,
        new ImageConfig.RootFs("layers", layers.stream().map(l -> l.diffId().toString())
            .toList()), null);
  }

  public static ImageConfig.Config exec(String user, List<String> entrypoint, List<String> cmd) {
    return new ImageConfig.Config(user, null, List.of("PATH=/usr/bin:/bin", "GREETING=hi"),
        entrypoint, cmd, null, "/work", Map.of("org.example.team", "jcrun"), "SIGQUIT", null);
  }

  /** Writes config and manifest blobs; returns the manifest's descriptor (not yet indexed). */
  public Descriptor manifest(List<Layer> layers, ImageConfig config, Platform platform) {
    byte[] configBytes = SpecMapper.write(config).getBytes(UTF_8);
    Digest configDigest = blob(configBytes);
    ImageManifest manifest = new ImageManifest(2, MediaTypes.OCI_MANIFEST, null,
        new Descriptor(MediaTypes.OCI_CONFIG, configDigest.toString(), (long) configBytes.length,
            null, null, null, null, null),
        layers.stream().map(Layer::descriptor).toList(), null, null);
    byte[] bytes = SpecMapper.write(manifest).getBytes(UTF_8);
    Digest d = blob(bytes);
    return new Descriptor(MediaTypes.OCI_MANIFEST, d.toString(), (long) bytes.length, null, null,
        null, platform, null);
  }

  /** Adds an image (one manifest) to {@code index.json} under {@code name} (null for none). */
  public Digest image(String name, List<Layer> layers, ImageConfig.Config exec) {
    Descriptor m = manifest(layers, config(layers, "amd64", exec), null);
    add(m, name);
    return Digest.parse(m.digest());
  }

  /** Adds a multi-platform image: a nested index over {@code manifests}. */
  public Digest multiPlatform(String name, List<Descriptor> manifests) {
    ImageIndex nested = new ImageIndex(2, MediaTypes.OCI_INDEX, null, manifests, null, null);
    byte[] bytes = SpecMapper.write(nested).getBytes(UTF_8);
    Digest d = blob(bytes);
    add(new Descriptor(MediaTypes.OCI_INDEX, d.toString(), (long) bytes.length, null, null, null,
        null, null), name);
    return d;
  }

  public void add(Descriptor d, String name) {
    index.add(new Descriptor(d.mediaType(), d.digest(), d.size(), null,
        name == null ? null : Map.of("org.opencontainers.image.ref.name", name), null,
        d.platform(), null));
  }

  /** Writes {@code oci-layout} and {@code index.json}; returns the layout dir. */
  public Path write() {
    try {
      Files.writeString(dir.resolve("oci-layout"),
          SpecMapper.write(new OciLayout(OciLayout.IMAGE_LAYOUT_VERSION)));
      Files.writeString(dir.resolve("index.json"),
          SpecMapper.write(new ImageIndex(2, MediaTypes.OCI_INDEX, null, index, null, null)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** A tar of the files of {@code root}, as {@code oci-archive:} or {@code docker save} makes. */
  public static byte[] tarOf(Path root) {
    TarBuilder tar = TarBuilder.create();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted().toList()) {
        String name = root.relativize(p).toString();
        if (name.isEmpty()) {
          continue;
        }
        if (Files.isDirectory(p)) {
          tar.dir(name + "/");
        } else {
          tar.file(name, Files.readAllBytes(p), e -> {});
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tar.build();
  }

  /**
   * A {@code docker save} archive (legacy layout: {@code ID/layer.tar}, {@code HEX.json}) of one
   * image with uncompressed layers.
   */
  public static byte[] dockerSave(List<byte[]> layerTars, ImageConfig.Config exec,
      List<String> tags) {
    TarBuilder tar = TarBuilder.create();
    List<String> paths = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (byte[] layer : layerTars) {
      Digest d = Digest.sha256(layer);
      String path = d.hex().substring(0, 20) + "/layer.tar";
      if (!paths.contains(path)) {
        tar.dir(d.hex().substring(0, 20) + "/");
        tar.file(path, layer, e -> {});
      }
      paths.add(path);
      diffIds.add(d.toString());
    }
    ImageConfig config = new ImageConfig("2024-01-01T00:00:00Z", null, "amd64", "linux", null,
        null, null, exec, new ImageConfig.RootFs("layers", diffIds), null);
    byte[] configBytes = SpecMapper.write(config).getBytes(UTF_8);
    String configName = Digest.sha256(configBytes).hex() + ".json";
    tar.file(configName, configBytes, e -> {});
    tar.file("manifest.json", SpecMapper.write(List.of(new DockerManifestEntry(configName, tags,
        paths, null))));
    return tar.build();
  }
}
