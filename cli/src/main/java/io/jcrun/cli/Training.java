package io.jcrun.cli;

import io.jcrun.linux.LinuxSyscalls;
import io.jcrun.runtime.config.ContainerConfig;
import io.jcrun.runtime.config.HooksConfig;
import io.jcrun.runtime.config.SpecConverter;
import io.jcrun.runtime.process.CreateProgram;
import io.jcrun.runtime.rootfs.HostInfo;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerState;
import io.jcrun.runtime.state.StateStore;
import io.jcrun.spec.SpecMapper;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The AOT training run of the build: drives the verbs engines call most (state, list, kill,
 * delete, spec, --version, --help) and the create path up to the spawn of the executor, in one
 * JVM, so the cache holds their classes. Needs no root and touches only {@code dir}.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(dir);
    Path bundle = Files.createTempDirectory(dir, "bundle");
    Files.createDirectories(bundle.resolve("rootfs"));
    Path root = dir.resolve("state");
    StateStore store = new StateStore(root);
    store.create(ContainerId.of("stopped"));
    store.save(new ContainerState("stopped", "1.2.0", 0, 0, bundle.toString(),
        bundle.resolve("rootfs").toString(), "2026-01-01T00:00:00.000000000Z", 0,
        Map.of("a", "b"), Map.of(), true, List.of("pid"), HooksConfig.NONE));
    List<List<String>> runs = List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("run", "--help"),
        List.of("spec", "--bundle", bundle.toString()),
        List.of("--root", root.toString(), "list"),
        List.of("--root", root.toString(), "list", "--format", "json"),
        List.of("--root", root.toString(), "state", "stopped"),
        List.of("--root", root.toString(), "state", "missing"),
        List.of("--root", root.toString(), "kill", "stopped", "KILL"),
        List.of("--root", root.toString(), "--log", dir.resolve("log.json").toString(),
            "--log-format", "json", "start", "stopped"),
        List.of("--root", root.toString(), "create", "--bundle", bundle.toString(), "bad/id"),
        List.of("--root", root.toString(), "delete", "--force", "stopped"));
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    for (List<String> run : runs) {
      new Jcrun(new Request(run, Map.of(), dir, 0, dir, new ByteArrayInputStream(new byte[0]),
          sink, sink)).execute();
    }
    // The create path up to the executor's spawn, which needs root.
    ContainerConfig config = SpecConverter.convert(
        SpecMapper.readSpec(bundle.resolve("config.json")), bundle);
    CreateProgram.compile(config, HostInfo.probe(Path.of("/proc")),
        new CreateProgram.Inputs(5, -1, true, 0, false, java.util.List.of(),
            java.util.Optional.of("c1"), true)).encode();
    LinuxSyscalls.load().getpid();
    if (Main.effectiveUid() == 0) {
      runDemo(dir, sink);
    }
  }

  /**
   * As root, real containers of the embedded demo bundle: the classes of namespaces, cgroups,
   * the executor's spawn and the state updates are then in the cache too. The containers'
   * stdout is the training JVM's (assemble.sh discards it).
   */
  private static void runDemo(Path dir, PrintStream sink) {
    Path demo = Path.of(System.getProperty("jcrun.home"), "share", "demo");
    String root = dir.resolve("demo-state").toString();
    String id = "jcrun-training-" + ProcessHandle.current().pid();
    List<List<String>> runs = List.of(
        List.of("--root", root, "run", "--bundle", demo.toString(), id),
        List.of("--root", root, "create", "--bundle", demo.toString(), id),
        List.of("--root", root, "state", id),
        List.of("--root", root, "start", id),
        List.of("--root", root, "delete", "--force", id));
    for (List<String> run : runs) {
      int status = new Jcrun(new Request(run, Map.of(), dir, 0, demo.getParent().getParent(),
          new ByteArrayInputStream(new byte[0]), sink, System.err)).execute();
      if (status != 0) {
        System.err.println("training: jcrun " + String.join(" ", run) + " exited " + status
            + " (the AOT cache will not hold that path)");
      }
    }
  }
}
