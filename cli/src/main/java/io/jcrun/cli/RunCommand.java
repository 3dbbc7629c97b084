package io.jcrun.cli;

import io.jcrun.runtime.Containers;
import io.jcrun.runtime.Created;
import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.RunIo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Create and start a container.",
        "The argument is a container id (the bundle is --bundle or the current directory),"
            + " or a path to a bundle (it contains a slash), for which jcrun makes up an id."})
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Mixin
  CreateFlags flags;

  @Option(names = {"-d", "--detach"}, description = "Do not wait for the container.")
  boolean detach;

  @Option(names = {"--keep", "-keep"}, description = "Keep the container after it exits.")
  boolean keep;

  @Option(names = {"--no-subreaper", "-no-subreaper"}, description = "Do not become a subreaper.")
  boolean noSubreaper;

  @Parameters(index = "0", paramLabel = "ID|BUNDLE")
  String target;

  @Override
  public Integer call() throws JcrunException {
    Request request = jcrun.context.request();
    ContainerArgs args = ContainerArgs.parse(target, flags.bundle, request);
    Containers containers = jcrun.context.containers(jcrun.global);
    if (detach) {
      try (Created created = containers.create(args.id(),
          flags.toOptions(args.bundle(), request, false))) {
        containers.start(args.id());
      }
      return 0;
    }
    return containers.run(args.id(), flags.toOptions(args.bundle(), request, true),
        RunIo.STANDARD);
  }
}
