package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start a created container: its init runs the process.")
final class StartCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JcrunException {
    jcrun.context.containers(jcrun.global).start(ContainerId.of(id));
    return 0;
  }
}
