package io.jcrun.spec.image;

import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor: the media type, digest ({@code sha256:<hex>}) and size of a blob.
 * {@code data} is the blob itself, base64-encoded, when embedded.
 */
public record Descriptor(
    String mediaType,
    String digest,
    Long size,
    List<String> urls,
    Map<String, String> annotations,
    String data,
    Platform platform,
    String artifactType) {}
