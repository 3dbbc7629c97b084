package io.jcrun.spec.image;

import java.util.List;
import java.util.Map;

/**
 * An OCI image index ({@code index.json} of a layout, or a multi-platform image), which also reads
 * a Docker manifest list.
 */
public record ImageIndex(
    Integer schemaVersion,
    String mediaType,
    String artifactType,
    List<Descriptor> manifests,
    Descriptor subject,
    Map<String, String> annotations) {}
