package io.jcrun.cli;

import io.jcrun.runtime.CreateOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The flags {@code create} and {@code run} share, runc's names and spellings. */
final class CreateFlags {
  @Option(names = {"-b", "--bundle"}, paramLabel = "DIR",
      description = "The bundle directory (default: the current directory).")
  String bundle;

  @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the init's pid here.")
  String pidFile;

  @Option(names = "--console-socket", paramLabel = "PATH",
      description = "Send the pty master to this unix socket.")
  String consoleSocket;

  @Option(names = "--pidfd-socket", paramLabel = "PATH",
      description = "Send a pidfd of the init to this unix socket.")
  String pidfdSocket;

  @Option(names = "--preserve-fds", paramLabel = "N", defaultValue = "0",
      description = "Pass N more fds, from 3 up, to the container.")
  int preserveFds;

  @Option(names = {"--no-pivot", "-no-pivot"},
      description = "Do not use pivot_root (for a ramdisk root).")
  boolean noPivot;

  @Option(names = {"--no-new-keyring", "-no-new-keyring"},
      description = "Keep the caller's session keyring.")
  boolean noNewKeyring;

  CreateOptions toOptions(Path bundleDir, Request request, boolean consoleToJcrun) {
    if (preserveFds < 0) {
      throw new IllegalArgumentException("--preserve-fds: " + preserveFds + " is negative");
    }
    return new CreateOptions(bundleDir,
        Optional.ofNullable(pidFile).map(request::resolve),
        Optional.ofNullable(consoleSocket).map(s -> request.resolve(s).toString()),
        Optional.ofNullable(pidfdSocket).map(s -> request.resolve(s).toString()),
        consoleToJcrun, preserveFds, noPivot, noNewKeyring);
  }
}
