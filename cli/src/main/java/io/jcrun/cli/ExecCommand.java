package io.jcrun.cli;

import io.jcrun.runtime.ExecOptions;
import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.RunIo;
import io.jcrun.runtime.state.ContainerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "exec", mixinStandardHelpOptions = true,
    description = {"Run a new process in a running container.",
        "The process is --process FILE, or COMMAND [ARGS] with the container's own process as"
            + " the base for what the flags do not change."})
final class ExecCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = {"-p", "--process"}, paramLabel = "FILE", description = "A process JSON file.")
  String process;

  @Option(names = {"-d", "--detach"}, description = "Return once the process runs.")
  boolean detach;

  @Option(names = {"-t", "--tty"}, description = "Give the process a pty.")
  boolean tty;

  @Option(names = "--pid-file", paramLabel = "FILE")
  String pidFile;

  @Option(names = "--console-socket", paramLabel = "PATH")
  String consoleSocket;

  @Option(names = "--pidfd-socket", paramLabel = "PATH",
      description = "Send a pidfd of the process to this unix socket.")
  String pidfdSocket;

  @Option(names = "--cwd", paramLabel = "DIR")
  String cwd;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE")
  List<String> env = new ArrayList<>();

  @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]")
  String user;

  @Option(names = {"-c", "--cap"}, paramLabel = "CAP")
  List<String> caps = new ArrayList<>();

  @Option(names = {"-g", "--additional-gids"}, paramLabel = "GID")
  List<Long> additionalGids = new ArrayList<>();

  @Option(names = "--no-new-privs", description = "Set no_new_privs for the process.")
  boolean noNewPrivs;

  @Option(names = "--preserve-fds", paramLabel = "N", defaultValue = "0")
  int preserveFds;

  @Option(names = "--ignore-paused", description = "Exec even into a paused container.")
  boolean ignorePaused;

  @Option(names = "--cgroup", paramLabel = "[CONTROLLER:]PATH",
      description = "Run in this sub-cgroup of the container's.")
  String cgroup;

  @Option(names = "--apparmor", paramLabel = "PROFILE", hidden = true)
  String apparmor;

  @Option(names = "--process-label", paramLabel = "LABEL", hidden = true)
  String processLabel;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Parameters(index = "1..*", paramLabel = "COMMAND")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws JcrunException {
    if (apparmor != null || processLabel != null) {
      throw new JcrunException(apparmor != null ? "--apparmor: AppArmor is not supported by jcrun"
          : "--process-label: SELinux is not supported by jcrun");
    }
    Request request = jcrun.context.request();
    ExecOptions options = new ExecOptions(Optional.ofNullable(process).map(request::resolve),
        command, tty, Optional.ofNullable(consoleSocket).map(s -> request.resolve(s).toString()),
        Optional.ofNullable(pidfdSocket).map(s -> request.resolve(s).toString()),
        Optional.ofNullable(pidFile).map(request::resolve), detach, Optional.ofNullable(cwd), env,
        Optional.ofNullable(user), caps, additionalGids, noNewPrivs, preserveFds, ignorePaused,
        Optional.ofNullable(cgroup));
    return jcrun.context.containers(jcrun.global).exec(ContainerId.of(id), options,
        RunIo.STANDARD);
  }
}
