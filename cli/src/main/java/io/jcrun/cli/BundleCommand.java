package io.jcrun.cli;

import io.jcrun.image.ImageStore;
import io.jcrun.image.bundle.BundleCleaner;
import io.jcrun.image.bundle.BundleCreator;
import io.jcrun.image.bundle.ImageBundle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jcrun bundle}: OCI bundles made from images in the store. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = "Make OCI bundles from images.",
    subcommands = {BundleCommand.Create.class, BundleCommand.Rm.class})
final class BundleCommand implements Runnable {
  @ParentCommand
  JcrunCommand jcrun;

  @Override
  public void run() {
    throw new IllegalArgumentException("bundle needs a subcommand: create or rm");
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Write DIR/config.json from an image's config and mount its layers at"
          + " DIR/rootfs (an overlay).", "A command after -- replaces the image's Cmd."})
  static final class Create implements Callable<Integer> {
    @ParentCommand
    BundleCommand bundle;

    @Option(names = "--image", required = true, paramLabel = "REF")
    String image;

    @Parameters(index = "0", paramLabel = "DIR")
    String dir;

    @Parameters(index = "1..*", paramLabel = "CMD")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      Context c = bundle.jcrun.context;
      ImageStore store = c.images(bundle.jcrun.global);
      ImageBundle b = new BundleCreator(store, c.syscalls())
          .create(image, c.request().resolve(dir), command, c.progress());
      c.request().out().println(b.dir());
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Unmount and remove what bundle create made in DIR.")
  static final class Rm implements Callable<Integer> {
    @ParentCommand
    BundleCommand bundle;

    @Parameters(index = "0", paramLabel = "DIR")
    String dir;

    @Override
    public Integer call() throws IOException {
      Context c = bundle.jcrun.context;
      new BundleCleaner(c.images(bundle.jcrun.global), c.syscalls())
          .cleanup(c.request().resolve(dir));
      return 0;
    }
  }
}
