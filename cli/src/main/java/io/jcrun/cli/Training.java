package io.jcrun.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The AOT training run of the build: drives the verbs engines call most (state, list, kill,
 * delete errors, spec, --version, --help) through the same code paths in one JVM, so the
 * cache holds their classes. Needs no root and touches only {@code dir}.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(dir);
    Path bundle = Files.createTempDirectory(dir, "bundle");
    Path root = dir.resolve("state");
    List<List<String>> runs = List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("run", "--help"),
        List.of("spec", "--bundle", bundle.toString()),
        List.of("--root", root.toString(), "list"),
        List.of("--root", root.toString(), "list", "--format", "json"),
        List.of("--root", root.toString(), "state", "training"),
        List.of("--root", root.toString(), "kill", "training", "KILL"),
        List.of("--root", root.toString(), "delete", "--force", "training"),
        List.of("--root", root.toString(), "--log", dir.resolve("log.json").toString(),
            "--log-format", "json", "start", "training"),
        List.of("--root", root.toString(), "create", "--bundle", bundle.toString(), "bad/id"));
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    for (List<String> run : runs) {
      new Jcrun(new Request(run, Map.of(), dir, dir, new ByteArrayInputStream(new byte[0]), sink,
          sink)).execute();
    }
  }
}
