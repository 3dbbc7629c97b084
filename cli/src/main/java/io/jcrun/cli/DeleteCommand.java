package io.jcrun.cli;

import io.jcrun.runtime.Containers;
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
  public Integer call() throws JcrunException, java.io.IOException {
    ContainerId cid = ContainerId.of(id);
    Containers containers = jcrun.context.containers(jcrun.global);
    java.util.Optional<String> bundle = containers.bundleOf(cid);
    containers.delete(cid, force);
    if (bundle.isPresent()) {
      new ImageBundles(jcrun.context, jcrun.global).remove(java.nio.file.Path.of(bundle.get()));
    }
    return 0;
  }
}
