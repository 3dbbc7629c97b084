package io.jcrun.cli;

import io.jcrun.image.Image;
import io.jcrun.image.ImageDetails;
import io.jcrun.image.Platforms;
import io.jcrun.image.PruneResult;
import io.jcrun.image.Removal;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jcrun image}: the local image store (load, ls, inspect, rm, prune). */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Manage images imported from OCI layout or docker save archives.",
    subcommands = {ImageCommand.Load.class, ImageCommand.Ls.class, ImageCommand.Inspect.class,
        ImageCommand.Rm.class, ImageCommand.Prune.class})
final class ImageCommand implements Runnable {
  @ParentCommand
  JcrunCommand jcrun;

  @Override
  public void run() {
    throw new IllegalArgumentException("image needs a subcommand: load, ls, inspect, rm or prune");
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = {"Import an OCI image layout (directory or tar) or a docker save archive.",
          "Prints the references it loaded, one per line; progress goes to stderr."})
  static final class Load implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
        description = "Which image of a multi-platform index (default: this host's).")
    String platform;

    @Parameters(index = "0", paramLabel = "FILE")
    String file;

    @Override
    public Integer call() throws IOException {
      Context c = image.jcrun.context;
      List<String> refs = c.images(image.jcrun.global).load(c.request().resolve(file),
          platform == null ? Platforms.host() : Platforms.parse(platform), c.progress());
      refs.forEach(c.request().out()::println);
      return 0;
    }
  }

  @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
      description = "List the images in the store.")
  static final class Ls implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Option(names = {"-q", "--quiet"}, description = "Print only the digests.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
      Context c = image.jcrun.context;
      PrintStream out = c.request().out();
      List<Image> images = c.images(image.jcrun.global).list();
      if (quiet) {
        images.forEach(i -> out.println(i.digest()));
        return 0;
      }
      out.printf("%-40s %-19s %-12s %s%n", "NAME", "DIGEST", "PLATFORM", "SIZE");
      for (Image i : images) {
        List<String> names = i.names().isEmpty() ? List.of("<none>") : i.names();
        for (String name : names) {
          out.printf("%-40s %-19s %-12s %s%n", name, i.digest().toString().substring(0, 19),
              i.platform(), i.size());
        }
      }
      return 0;
    }
  }

  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Print an image's manifest digest, names, config and layers as JSON.")
  static final class Inspect implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Parameters(index = "0", paramLabel = "REF")
    String ref;

    @Override
    public Integer call() throws IOException {
      Context c = image.jcrun.context;
      ImageDetails d = c.images(image.jcrun.global).inspect(ref);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("digest", d.image().digest().toString());
      out.put("names", d.image().names());
      out.put("platform", d.image().platform());
      out.put("loaded", d.image().loaded().toString());
      out.put("config", d.image().config());
      List<Map<String, Object>> layers = new ArrayList<>();
      for (ImageDetails.LayerState l : d.layers()) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("blob", l.layer().blob().toString());
        layer.put("diffID", l.layer().diffId().toString());
        layer.put("size", l.layer().size());
        layer.put("unpacked", l.unpacked());
        layers.add(layer);
      }
      out.put("layers", layers);
      out.put("holders", d.holders());
      c.request().out().println(SpecMapper.writePretty(out));
      return 0;
    }
  }

  @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
      description = "Remove an image name; the image goes when no name is left.")
  static final class Rm implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Parameters(index = "0..*", paramLabel = "REF")
    List<String> refs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      Context c = image.jcrun.context;
      for (String ref : refs) {
        Removal r = c.images(image.jcrun.global).remove(ref);
        r.untagged().forEach(n -> c.request().out().println("Untagged: " + n));
        r.deleted().ifPresent(d -> c.request().out().println("Deleted: " + d));
      }
      return 0;
    }
  }

  @Command(name = "prune", mixinStandardHelpOptions = true,
      description = "Remove what no image name and no container uses.")
  static final class Prune implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Override
    public Integer call() throws IOException {
      Context c = image.jcrun.context;
      PruneResult r = c.images(image.jcrun.global).prune();
      r.images().forEach(d -> c.request().out().println("Deleted: " + d));
      c.request().out().println("Reclaimed " + r.bytes() + " bytes (" + r.blobs() + " blobs, "
          + r.layers() + " layers)");
      return 0;
    }
  }
}
