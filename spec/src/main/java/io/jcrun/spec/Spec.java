package io.jcrun.spec;

import java.util.List;
import java.util.Map;

/**
 * The OCI runtime-spec {@code config.json} of a bundle, field for field; a null component is a
 * field absent from the JSON. Values are not validated here: that is the runtime's converter.
 */
public record Spec(
    String ociVersion,
    Process process,
    Root root,
    String hostname,
    String domainname,
    List<Mount> mounts,
    Hooks hooks,
    Map<String, String> annotations,
    Linux linux) {}
