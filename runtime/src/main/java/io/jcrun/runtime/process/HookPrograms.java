package io.jcrun.runtime.process;

import io.jcrun.linux.NamespaceType;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.namespaces.InitProgramRecorder;
import io.jcrun.runtime.config.HookConfig;
import java.util.Collection;
import java.util.List;

/**
 * Programs that run hooks with jcrun-init's hook runner (state JSON on stdin, output kept for
 * the error, timeout enforced): in the runtime's namespaces, or inside a container's.
 */
public final class HookPrograms {
  private HookPrograms() {}

  /** prestart, createRuntime, poststart, poststop: in the runtime's namespaces. */
  public static InitProgram onHost(String kind, List<HookConfig> hooks, byte[] state) {
    InitProgramRecorder rec = new InitProgramRecorder();
    runAll(rec, kind, hooks, state);
    return rec.build();
  }

  /** createContainer, startContainer: in every namespace of the container whose init is {@code pid}. */
  public static InitProgram inContainer(String kind, List<HookConfig> hooks, byte[] state, int pid,
      Collection<NamespaceType> namespaces, boolean userFirst) {
    InitProgramRecorder rec = new InitProgramRecorder();
    JoinedProgram.join(rec, pid, namespaces, userFirst);
    runAll(rec, kind, hooks, state);
    return rec.build();
  }

  private static void runAll(InitProgramRecorder rec, String kind, List<HookConfig> hooks,
      byte[] state) {
    for (int i = 0; i < hooks.size(); i++) {
      HookConfig h = hooks.get(i);
      rec.source("hooks." + kind + "[" + i + "]");
      rec.runHook(h.path(), h.args(), h.env(), h.timeoutSeconds(), state);
    }
    rec.source("hooks." + kind);
    rec.exit(0);
  }
}
