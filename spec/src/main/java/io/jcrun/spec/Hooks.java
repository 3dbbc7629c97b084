package io.jcrun.spec;

import java.util.List;

/** The {@code hooks} object of {@code config.json}, one list per lifecycle point, in spec order. */
public record Hooks(
    List<Hook> prestart,
    List<Hook> createRuntime,
    List<Hook> createContainer,
    List<Hook> startContainer,
    List<Hook> poststart,
    List<Hook> poststop) {}
