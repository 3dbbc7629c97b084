package io.jcrun.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that come before the verb, as runc and crun take them. */
final class GlobalOptions {
  @Option(names = "--root", paramLabel = "DIR",
      description = "Directory for container state (default /run/jcrun).")
  String root;

  @Option(names = "--log", paramLabel = "FILE", description = "Also write errors to this file.")
  String log;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Format of the --log file: text or json.")
  String logFormat;

  @Option(names = "--debug", description = "Print stack traces with errors.")
  boolean debug;

  @Option(names = "--systemd-cgroup", description = "Use the systemd cgroup driver (not supported).")
  boolean systemdCgroup;

  @Option(names = "--rootless", paramLabel = "true|false|auto", arity = "0..1",
      fallbackValue = "true", description = "Run without root (not supported yet).")
  String rootless;

  @Option(names = "--cgroup-manager", paramLabel = "cgroupfs|disabled",
      description = "How to manage cgroups (crun's flag).")
  String cgroupManager;

  /** {@code --cgroup-manager disabled}; cgroupfs (the default) and anything else is checked by the verbs. */
  boolean cgroupsDisabled() {
    return "disabled".equals(cgroupManager);
  }

  Path stateRoot(Request request) {
    return root == null ? Path.of("/run/jcrun") : request.resolve(root);
  }
}
