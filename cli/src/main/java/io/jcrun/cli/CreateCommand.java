package io.jcrun.cli;

import io.jcrun.runtime.Created;
import io.jcrun.runtime.JcrunException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a container: its init waits until `jcrun start`.")
final class CreateCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Mixin
  CreateFlags flags;

  @Option(names = {"-d", "--detach"}, hidden = true, description = "Accepted for go-runc; create always detaches.")
  boolean detach;

  @Parameters(index = "0", paramLabel = "ID|BUNDLE")
  String target;

  @Override
  public Integer call() throws JcrunException {
    Request request = jcrun.context.request();
    ContainerArgs args = ContainerArgs.parse(target, flags.bundle, request);
    try (Created created = jcrun.context.containers(jcrun.global)
        .create(args.id(), flags.toOptions(args.bundle(), request, false))) {
      return 0;
    }
  }
}
