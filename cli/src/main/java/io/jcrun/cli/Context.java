package io.jcrun.cli;

import io.jcrun.linux.LinuxSyscalls;
import io.jcrun.linux.Syscalls;
import io.jcrun.runtime.Containers;
import io.jcrun.runtime.RuntimeOptions;
import java.nio.file.Path;

/**
 * What the commands of one request share. The native bindings load on first use only, so verbs
 * that need none ({@code spec}, {@code --version}, {@code features}) never pay for them.
 */
final class Context {
  private final Request request;
  private Syscalls syscalls;

  Context(Request request) {
    this.request = request;
  }

  Request request() {
    return request;
  }

  Syscalls syscalls() {
    if (syscalls == null) {
      syscalls = LinuxSyscalls.load();
    }
    return syscalls;
  }

  io.jcrun.image.ImageStore images(GlobalOptions global) {
    return new io.jcrun.image.ImageStore(global.imageRoot(request), syscalls());
  }

  /** Progress of imports and unpacks on stderr: a bar on a terminal, lines otherwise. */
  io.jcrun.image.Progress progress() {
    return io.jcrun.image.Progress.to(request.err(), syscalls().isatty(syscalls().borrow(2)));
  }

  Containers containers(GlobalOptions global) {
    global.validate();
    return new Containers(syscalls(), new RuntimeOptions(global.stateRoot(request),
        request.home().resolve("libexec/jcrun-init"), Path.of("/proc"), Path.of("/sys/fs/cgroup"),
        global.cgroupsDisabled(), global.systemd(), global.rootless(request), warning -> request.err().println("jcrun: warning: " + warning)));
  }
}
