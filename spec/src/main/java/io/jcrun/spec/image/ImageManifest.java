package io.jcrun.spec.image;

import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest: the config blob and the layers, lowest first. Also reads a Docker schema 2
 * manifest, which has the same shape.
 */
public record ImageManifest(
    Integer schemaVersion,
    String mediaType,
    String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    Descriptor subject,
    Map<String, String> annotations) {}
