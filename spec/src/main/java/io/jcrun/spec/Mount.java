package io.jcrun.spec;

import java.util.List;

/**
 * One entry of {@code mounts} in {@code config.json}; options are fstab-style strings, unparsed.
 */
public record Mount(
    String destination,
    String type,
    String source,
    List<String> options,
    List<LinuxIdMapping> uidMappings,
    List<LinuxIdMapping> gidMappings) {}
