package io.jcrun.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The per-call options of {@code create} and {@code run}.
 *
 * @param consoleSocket the path of the caller's console socket ({@code --console-socket})
 * @param pidfdSocket where to send a pidfd of the init ({@code --pidfd-socket})
 * @param consoleToJcrun a foreground {@code run}: the pty master comes back to jcrun, which
 *     proxies it
 * @param preserveFds how many fds from 3 up the container inherits ({@code --preserve-fds})
 * @param noNewKeyring keep the caller's session keyring instead of a new one ({@code
 *     --no-new-keyring})
 */
public record CreateOptions(Path bundle, Optional<Path> pidFile, Optional<String> consoleSocket,
    Optional<String> pidfdSocket, boolean consoleToJcrun, int preserveFds, boolean noPivot,
    boolean noNewKeyring) {

  public static CreateOptions of(Path bundle) {
    return new CreateOptions(bundle, Optional.empty(), Optional.empty(), Optional.empty(), false,
        0, false, false);
  }

  public CreateOptions withConsoleToJcrun(boolean toJcrun) {
    return new CreateOptions(bundle, pidFile, consoleSocket, pidfdSocket, toJcrun, preserveFds,
        noPivot, noNewKeyring);
  }
}
