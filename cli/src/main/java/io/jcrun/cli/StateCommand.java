package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.spec.json.GoJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Print the state of a container as JSON.")
final class StateCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JcrunException {
    StateOutput out = StateOutput.of(jcrun.context.containers(jcrun.global).state(ContainerId.of(id)));
    // runc prints json.MarshalIndent output with no trailing newline.
    jcrun.context.request().out().print(GoJson.indented(out.json(), "  "));
    return 0;
  }
}
