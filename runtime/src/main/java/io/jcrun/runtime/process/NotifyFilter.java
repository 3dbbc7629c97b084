package io.jcrun.runtime.process;

import io.jcrun.linux.Fd;
import io.jcrun.namespaces.InitProgramRecorder;
import io.jcrun.runtime.seccomp.CompiledFilter;
import io.jcrun.runtime.seccomp.SeccompFlag;
import java.util.Optional;

/**
 * A seccomp filter with SCMP_ACT_NOTIFY rules goes in while jcrun still listens: the init
 * sends the listener fd to jcrun, which hands it to the agent at {@code listenerPath} before
 * anything the filter may trap runs. Other filters load later, in {@link ProcessSetup}.
 */
final class NotifyFilter {
  private NotifyFilter() {}

  /** Records the notify dance if {@code filter} needs it; returns the filter still to load. */
  static Optional<CompiledFilter> loadIfNotify(InitProgramRecorder rec,
      Optional<CompiledFilter> filter) {
    if (filter.isEmpty()
        || !filter.get().flagSet().contains(SeccompFlag.SECCOMP_FILTER_FLAG_NEW_LISTENER)) {
      return filter;
    }
    rec.source("linux.seccomp");
    Fd listener = rec.seccompLoadWithListener(filter.get().program(), filter.get().flags());
    rec.sendFd(rec.syncSocket(), listener, InitSync.SECCOMP_LISTENER);
    listener.close();
    rec.syncWait(InitSync.SECCOMP_DONE);
    return Optional.empty();
  }
}
