package io.jcrun.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A uid or gid mapping ({@code LinuxIDMapping}), used by {@code linux.uidMappings} and by idmapped
 * mounts. The ids are unsigned 32-bit values held in a {@code Long}.
 */
public record LinuxIdMapping(
    @JsonProperty("containerID") Long containerId,
    @JsonProperty("hostID") Long hostId,
    Long size) {}
