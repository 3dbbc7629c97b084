package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Thaw a paused container.")
final class ResumeCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JcrunException {
    jcrun.context.containers(jcrun.global).resume(ContainerId.of(id));
    return 0;
  }
}
