package io.jcrun.cli;

import io.jcrun.runtime.Containers;
import io.jcrun.runtime.Created;
import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.RunIo;
import io.jcrun.runtime.state.ContainerId;
import java.util.ArrayList;
import java.util.List;
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

  @Option(names = "--image", paramLabel = "REF",
      description = "Run an image: a name or digest in the store, or an archive or OCI layout on disk (loaded first). Its bundle is made, and removed with the container.")
  String image;

  @Parameters(index = "0", paramLabel = "ID|BUNDLE")
  String target;

  @Parameters(index = "1..*", paramLabel = "CMD", description = "With --image: replaces its Cmd.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws JcrunException, java.io.IOException {
    Request request = jcrun.context.request();
    if (image != null) {
      return runImage(request);
    }
    if (!command.isEmpty()) {
      throw new IllegalArgumentException("a command after the id needs --image");
    }
    ContainerArgs args = ContainerArgs.parse(target, flags.bundle, request);
    Containers containers = jcrun.context.containers(jcrun.global);
    if (detach) {
      createAndStart(containers, args.id(), flags.toOptions(args.bundle(), request, false));
      return 0;
    }
    return containers.run(args.id(), flags.toOptions(args.bundle(), request, true),
        RunIo.STANDARD.with(keep, !noSubreaper));
  }

  /** {@code run -d}: create and start; a container that does not start is removed, as runc. */
  private static void createAndStart(Containers containers, ContainerId id,
      io.jcrun.runtime.CreateOptions options) throws JcrunException {
    try (Created created = containers.create(id, options)) {
      containers.start(id);
    } catch (JcrunException e) {
      try {
        containers.delete(id, true);
      } catch (JcrunException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** {@code run --image}: a bundle under the image root, made now and cleaned with the container. */
  private int runImage(Request request) throws JcrunException, java.io.IOException {
    if (flags.bundle != null) {
      throw new IllegalArgumentException("--image makes the bundle: do not give --bundle too");
    }
    ContainerId id = ContainerId.of(target);
    Containers containers = jcrun.context.containers(jcrun.global);
    ImageBundles bundles = new ImageBundles(jcrun.context, jcrun.global);
    java.nio.file.Path dir = bundles.create(id, image, command);
    // The bundle goes with the container: now, unless it stays (detached, or --keep).
    boolean keepBundle = detach || keep;
    try {
      if (detach) {
        createAndStart(containers, id, flags.toOptions(dir, request, false));
        return 0;
      }
      return containers.run(id, flags.toOptions(dir, request, true),
          RunIo.STANDARD.with(keep, !noSubreaper));
    } catch (JcrunException | RuntimeException e) {
      keepBundle = false;
      throw e;
    } finally {
      if (!keepBundle) {
        bundles.remove(dir);
      }
    }
  }
}
