package io.jcrun.spec.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An OCI image configuration (also a Docker image config): the platform, the execution defaults
 * under {@code config}, the layer diff ids and the history. {@code created} stays an RFC 3339
 * string.
 */
public record ImageConfig(
    String created,
    String author,
    String architecture,
    String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    String variant,
    Config config,
    @JsonProperty("rootfs") RootFs rootFs,
    List<History> history) {

  /**
   * Execution defaults for a container of the image. ExposedPorts and Volumes are JSON sets: maps
   * whose values are empty objects.
   */
  public record Config(
      @JsonProperty("User") String user,
      @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("StopSignal") String stopSignal,
      @JsonProperty("ArgsEscaped") Boolean argsEscaped) {}

  /** {@code rootfs}: type "layers" and the digests of the uncompressed layers, lowest first. */
  public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}

  /** One {@code history} entry; an empty layer adds no entry to {@code rootfs.diff_ids}. */
  public record History(
      String created,
      @JsonProperty("created_by") String createdBy,
      String author,
      String comment,
      @JsonProperty("empty_layer") Boolean emptyLayer) {}
}
