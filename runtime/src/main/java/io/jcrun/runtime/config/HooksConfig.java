package io.jcrun.runtime.config;

import java.util.List;

/** The six hook lists of the runtime spec, in spec order, never null. */
public record HooksConfig(
    List<HookConfig> prestart,
    List<HookConfig> createRuntime,
    List<HookConfig> createContainer,
    List<HookConfig> startContainer,
    List<HookConfig> poststart,
    List<HookConfig> poststop) {

  public static final HooksConfig NONE =
      new HooksConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public HooksConfig {
    prestart = List.copyOf(prestart);
    createRuntime = List.copyOf(createRuntime);
    createContainer = List.copyOf(createContainer);
    startContainer = List.copyOf(startContainer);
    poststart = List.copyOf(poststart);
    poststop = List.copyOf(poststop);
  }
}
