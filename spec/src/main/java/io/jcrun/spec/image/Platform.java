package io.jcrun.spec.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The platform an image runs on, as in an index entry: GOARCH/GOOS names plus variant. */
public record Platform(
    String architecture,
    String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    String variant) {}
