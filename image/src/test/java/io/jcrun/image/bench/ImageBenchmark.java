package io.jcrun.image.bench;

import io.jcrun.image.Image;
import io.jcrun.image.ImageStore;
import io.jcrun.image.Platforms;
import io.jcrun.image.Progress;
import io.jcrun.image.bundle.BundleCleaner;
import io.jcrun.image.bundle.BundleCreator;
import io.jcrun.image.bundle.ImageBundle;
import io.jcrun.image.layer.TreeRemoval;
import io.jcrun.image.rootfs.RootfsAssembler;
import io.jcrun.linux.LinuxSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times jcrun's import + unpack of an OCI layout against {@code umoci unpack} of the same layout,
 * interleaved round by round, and the assembly of further containers' rootfs from the cached
 * layers. Launched by {@code bench/image/run.sh}, which builds the image; needs root.
 *
 * <pre>
 * ImageBenchmark LAYOUT:TAG WORKDIR ROUNDS [JAVA_COMMAND...]
 * ImageBenchmark --load-once LAYOUT STORE      (one import in this JVM, for fresh-JVM timing)
 * ImageBenchmark --load-times N LAYOUT STORE   (N imports in this JVM, for profiling)
 * </pre>
 */
public final class ImageBenchmark {
  private ImageBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--load-once")) {
      new ImageStore(Path.of(args[2]), LinuxSyscalls.load()).load(Path.of(args[1]),
          Platforms.host(), Progress.NONE);
      return;
    }
    if (args[0].equals("--load-times")) {
      LinuxSyscalls syscalls = LinuxSyscalls.load();
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        Path store = Path.of(args[3]);
        settle(store);
        double seconds = time(() -> new ImageStore(store, syscalls).load(Path.of(args[2]),
            Platforms.host(), Progress.NONE));
        System.out.printf(Locale.ROOT, "load %d: %.2f s%n", i + 1, seconds);
      }
      return;
    }
    String image = args[0];
    Path layout = Path.of(image.substring(0, image.lastIndexOf(':')));
    Path work = Files.createDirectories(Path.of(args[1]));
    int rounds = Integer.parseInt(args[2]);
    List<String> java = List.of(args).subList(3, args.length);
    LinuxSyscalls syscalls = LinuxSyscalls.load();

    List<Double> umoci = new ArrayList<>();
    List<Double> jcrun = new ArrayList<>();
    List<Double> jcrunFreshJvm = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      // Alternate who goes first, so neither always finds the other's writeback in progress.
      boolean umociFirst = round % 2 == 1;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == umociFirst) {
          Path bundle = work.resolve("umoci-bundle");
          settle(bundle);
          umoci.add(time(() -> run("umoci", "unpack", "--image", image, bundle.toString())));
        } else {
          Path store = work.resolve("jcrun-store");
          settle(store);
          jcrun.add(time(() -> new ImageStore(store, syscalls).load(layout, Platforms.host(),
              Progress.NONE)));
          if (!java.isEmpty()) {
            settle(store);
            List<String> command = new ArrayList<>(java);
            command.addAll(List.of(ImageBenchmark.class.getName(), "--load-once",
                layout.toString(), store.toString()));
            jcrunFreshJvm.add(time(() -> run(command.toArray(String[]::new))));
          }
        }
      }
      System.out.printf(Locale.ROOT, "round %d: umoci unpack %.2f s, jcrun load %.2f s%s%n",
          round, umoci.getLast(), jcrun.getLast(), jcrunFreshJvm.isEmpty() ? ""
              : String.format(Locale.ROOT, " (%.2f s in a fresh JVM)", jcrunFreshJvm.getLast()));
    }

    Path storeRoot = work.resolve("jcrun-store");
    ImageStore store = new ImageStore(storeRoot, syscalls);
    if (store.list().isEmpty()) {
      store.load(layout, Platforms.host(), Progress.NONE);
    }
    Image loaded = store.list().getFirst();
    RootfsAssembler assembler = new RootfsAssembler(store, syscalls);
    List<Double> assemble = new ArrayList<>();
    List<Double> bundle = new ArrayList<>();
    for (int i = 0; i < Math.max(5, rounds); i++) {
      Path container = work.resolve("c" + i);
      Path target = Files.createDirectories(container.resolve("rootfs"));
      assemble.add(time(() -> assembler.assemble(loaded, target, container.resolve("upper"),
          container.resolve("work"), Progress.NONE)));
      assembler.disassemble(target);
      TreeRemoval.remove(container);
      Path dir = work.resolve("b" + i);
      ImageBundle[] made = new ImageBundle[1];
      bundle.add(time(() -> made[0] = new BundleCreator(store, syscalls).create(
          loaded.digest().toString(), dir, List.of("/bin/sh"))));
      new BundleCleaner(store, syscalls).cleanup(dir);
    }
    settle(storeRoot);
    settle(work.resolve("umoci-bundle"));

    System.out.println();
    System.out.printf(Locale.ROOT, "umoci unpack            median %.2f s  (%s)%n",
        median(umoci), umoci);
    System.out.printf(Locale.ROOT, "jcrun load (import+unpack) median %.2f s  (%s)%n",
        median(jcrun), jcrun);
    System.out.printf(Locale.ROOT, "ratio umoci / jcrun     %.2fx%n",
        median(umoci) / median(jcrun));
    if (!jcrunFreshJvm.isEmpty()) {
      System.out.printf(Locale.ROOT, "jcrun load, fresh JVM   median %.2f s  (%s)%n",
          median(jcrunFreshJvm), jcrunFreshJvm);
      System.out.printf(Locale.ROOT, "ratio umoci / jcrun (fresh JVM) %.2fx%n",
          median(umoci) / median(jcrunFreshJvm));
    }
    System.out.printf(Locale.ROOT, "rootfs from cached layers (overlay mount) median %.1f ms%n",
        median(assemble) * 1000);
    System.out.printf(Locale.ROOT,
        "bundle from cached layers (mount + config.json) median %.1f ms%n", median(bundle) * 1000);
  }

  /** Removes what a previous round left and flushes its writes before the next timing. */
  private static void settle(Path dir) throws Exception {
    TreeRemoval.remove(dir);
    run("sync");
  }

  private interface Action {
    void run() throws Exception;
  }

  private static double time(Action action) throws Exception {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + " "
          + Arrays.toString(command));
    }
  }
}
