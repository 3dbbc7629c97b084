package io.jcrun.spec.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One element of the {@code manifest.json} array written by {@code docker save}: paths inside the
 * archive of the config and the layers (lowest first), the tags, and descriptors of foreign layers
 * keyed by diff id.
 */
public record DockerManifestEntry(
    @JsonProperty("Config") String config,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("Layers") List<String> layers,
    @JsonProperty("LayerSources") Map<String, Descriptor> layerSources) {}
