package io.jcrun.cli;

import io.jcrun.linux.Signal;
import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "kill", mixinStandardHelpOptions = true,
    description = "Send a signal (default SIGTERM) to the container's init.")
final class KillCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = {"-a", "--all"}, description = "Signal every process of the container.")
  boolean all;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Parameters(index = "1", paramLabel = "SIGNAL", defaultValue = "SIGTERM",
      description = "A number, KILL or SIGKILL.")
  String signal;

  @Override
  public Integer call() throws JcrunException {
    jcrun.context.containers(jcrun.global).kill(ContainerId.of(id), Signal.parse(signal), all);
    return 0;
  }
}
