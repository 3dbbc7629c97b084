package io.jcrun.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.NamespaceType;
import io.jcrun.linux.Syscalls;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.runtime.config.HookConfig;
import io.jcrun.runtime.process.HookPrograms;
import io.jcrun.runtime.process.InitExecutor;
import io.jcrun.runtime.process.InitSession;
import io.jcrun.spec.json.GoJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the hooks of a lifecycle point through jcrun-init, with the runtime-spec state JSON on
 * their stdin: in the runtime's namespaces, or joined to the container's.
 */
final class HookRunner {
  private final Syscalls sys;
  private final RuntimeOptions options;

  HookRunner(Syscalls sys, RuntimeOptions options) {
    this.sys = sys;
    this.options = options;
  }

  /** The state a hook reads on stdin (runtime-spec {@code state}). */
  static Map<String, Object> state(String ociVersion, String id, String status, int pid,
      String bundle, Map<String, String> annotations) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("ociVersion", ociVersion);
    state.put("id", id);
    state.put("status", status);
    state.put("pid", pid);
    state.put("bundle", bundle);
    if (!annotations.isEmpty()) {
      state.put("annotations", new java.util.TreeMap<>(annotations)); // Go sorts map keys
    }
    return state;
  }

  void onHost(String kind, List<HookConfig> hooks, Map<String, Object> state)
      throws JcrunException {
    if (!hooks.isEmpty()) {
      run(kind, HookPrograms.onHost(kind, hooks, GoJson.compact(state).getBytes(UTF_8)));
    }
  }

  void inContainer(String kind, List<HookConfig> hooks, Map<String, Object> state, int pid,
      Set<NamespaceType> namespaces) throws JcrunException {
    if (!hooks.isEmpty()) {
      run(kind, HookPrograms.inContainer(kind, hooks, GoJson.compact(state).getBytes(UTF_8),
          pid, namespaces, sys.geteuid() != 0));
    }
  }

  /** Runs hooks whose failure only deserves a warning (poststart, poststop). */
  void onHostWarning(String kind, List<HookConfig> hooks, Map<String, Object> state) {
    try {
      onHost(kind, hooks, state);
    } catch (JcrunException e) {
      options.warnings().accept(e.getMessage());
    }
  }

  private void run(String kind, InitProgram program) throws JcrunException {
    try (InitSession session = new InitExecutor(sys, options.initBinary())
        .start(program, 0, List.of())) {
      session.awaitExit("running hooks." + kind);
    }
  }
}
