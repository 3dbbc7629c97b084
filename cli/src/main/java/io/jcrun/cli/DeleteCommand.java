package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Remove a stopped container; --force kills it first in any state.")
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = {"-f", "--force"}, description = "Kill the container if it runs.")
  boolean force;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JcrunException {
    jcrun.context.containers(jcrun.global).delete(ContainerId.of(id), force);
    return 0;
  }
}
