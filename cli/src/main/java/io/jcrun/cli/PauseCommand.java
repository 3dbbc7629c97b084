package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "pause", mixinStandardHelpOptions = true,
    description = "Freeze every process of a container.")
final class PauseCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JcrunException {
    jcrun.context.containers(jcrun.global).pause(ContainerId.of(id));
    return 0;
  }
}
