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
      fallbackValue = "true",
      description = "Run without root: state under $XDG_RUNTIME_DIR, no cgroups (default: auto).")
  String rootless;

  @Option(names = "--image-root", paramLabel = "DIR",
      description = "Where images and their layers are kept (default /var/lib/jcrun).")
  String imageRoot;

  @Option(names = "--cgroup-manager", paramLabel = "cgroupfs|disabled",
      description = "How to manage cgroups (crun's flag).")
  String cgroupManager;

  boolean cgroupsDisabled() {
    return "disabled".equals(cgroupManager);
  }

  /** {@code --systemd-cgroup} or crun's {@code --cgroup-manager systemd}: refused by create. */
  boolean systemd() {
    return systemdCgroup || "systemd".equals(cgroupManager);
  }

  void validate() {
    if (cgroupManager != null && !java.util.List.of("cgroupfs", "disabled", "systemd")
        .contains(cgroupManager)) {
      throw new IllegalArgumentException("--cgroup-manager: \"" + cgroupManager
          + "\" is not one of [cgroupfs, systemd, disabled]");
    }
    if (!java.util.List.of("text", "json").contains(logFormat)) {
      throw new IllegalArgumentException("--log-format: \"" + logFormat
          + "\" is not one of [text, json]");
    }
    if (rootless != null && !java.util.List.of("true", "false", "auto").contains(rootless)) {
      throw new IllegalArgumentException("--rootless: \"" + rootless
          + "\" is not one of [true, false, auto]");
    }
  }

  Path imageRoot(Request request) {
    return imageRoot == null ? Path.of("/var/lib/jcrun") : request.resolve(imageRoot);
  }

  /** {@code --rootless true}, or by default (auto) whenever the caller is not root, as runc. */
  boolean rootless(Request request) {
    return rootless == null || rootless.equals("auto") ? request.euid() != 0
        : rootless.equals("true");
  }

  /** {@code --root}; by default /run/jcrun, or $XDG_RUNTIME_DIR/jcrun without root (runc's rule). */
  Path stateRoot(Request request) {
    if (root != null) {
      return request.resolve(root);
    }
    if (!rootless(request)) {
      return Path.of("/run/jcrun");
    }
    String xdg = request.env().get("XDG_RUNTIME_DIR");
    if (xdg == null || xdg.isEmpty()) {
      throw new IllegalArgumentException("running without root needs XDG_RUNTIME_DIR (where"
          + " the state goes) or --root DIR");
    }
    return Path.of(xdg).resolve("jcrun");
  }
}
