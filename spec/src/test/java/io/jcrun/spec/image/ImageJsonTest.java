package io.jcrun.spec.image;

import static io.jcrun.spec.Fixtures.assertEveryComponentSet;
import static io.jcrun.spec.Fixtures.assertSameJson;
import static io.jcrun.spec.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageJsonTest {

  @Test
  void indexRoundTrips() throws SpecException {
    String golden = text("image/index.json");

    ImageIndex index = SpecMapper.read(golden, ImageIndex.class);

    assertSameJson(golden, SpecMapper.writePretty(index));
    assertEveryComponentSet(index);
    assertEquals(MediaTypes.OCI_MANIFEST, index.manifests().get(0).mediaType());
    assertEquals("6.1", index.manifests().get(0).platform().osVersion());
  }

  @Test
  void manifestRoundTrips() throws SpecException {
    String golden = text("image/manifest.json");

    ImageManifest manifest = SpecMapper.read(golden, ImageManifest.class);

    assertSameJson(golden, SpecMapper.writePretty(manifest));
    assertEveryComponentSet(manifest, Descriptor.class);
    assertEquals(MediaTypes.OCI_LAYER_TAR_ZSTD, manifest.layers().get(1).mediaType());
    assertEquals(7023L, manifest.config().size());
  }

  @Test
  void imageConfigRoundTrips() throws SpecException {
    String golden = text("image/config.json");

    ImageConfig config = SpecMapper.read(golden, ImageConfig.class);

    assertSameJson(golden, SpecMapper.writePretty(config));
    assertEveryComponentSet(config);
    assertEquals(Map.of("8080/tcp", Map.of()), config.config().exposedPorts());
    assertEquals(2, config.rootFs().diffIds().size());
    assertEquals(Boolean.TRUE, config.history().get(1).emptyLayer());
  }

  @Test
  void dockerManifestRoundTrips() throws SpecException {
    String golden = text("image/docker-manifest.json");

    DockerManifestEntry[] entries = SpecMapper.read(golden, DockerManifestEntry[].class);

    assertSameJson(golden, SpecMapper.writePretty(entries));
    assertEveryComponentSet(entries[0], Descriptor.class);
    assertEquals(
        List.of("busybox:latest", "registry.example.org/busybox:1.36"), entries[0].repoTags());
  }

  @Test
  void untaggedDockerImageHasNullRepoTags() throws SpecException {
    DockerManifestEntry[] entries =
        SpecMapper.read(
            "[{\"Config\": \"c.json\", \"RepoTags\": null, \"Layers\": [\"l/layer.tar\"]}]",
            DockerManifestEntry[].class);

    assertNull(entries[0].repoTags());
  }

  @Test
  void ociLayoutRoundTrips() throws SpecException {
    String golden = text("image/oci-layout");

    OciLayout layout = SpecMapper.read(golden, OciLayout.class);

    assertEquals(OciLayout.IMAGE_LAYOUT_VERSION, layout.imageLayoutVersion());
    assertSameJson(golden, SpecMapper.write(layout));
  }

  @Test
  void dockerSchema2ManifestReadsAsImageManifest() throws SpecException {
    ImageManifest manifest =
        SpecMapper.read(
            """
            {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
             "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1, "digest": "sha256:aa"},
             "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 2, "digest": "sha256:bb"}]}
            """,
            ImageManifest.class);

    assertEquals(MediaTypes.DOCKER_MANIFEST, manifest.mediaType());
    assertEquals(MediaTypes.DOCKER_CONFIG, manifest.config().mediaType());
    assertEquals(MediaTypes.DOCKER_LAYER_TAR_GZIP, manifest.layers().get(0).mediaType());
  }
}
