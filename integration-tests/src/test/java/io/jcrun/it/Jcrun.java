package io.jcrun.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built jcrun (the distribution of the cli module) with a private state root. */
final class Jcrun {
  static final Path DIST = Path.of(System.getProperty("jcrun.dist", "../cli/target/jcrun"))
      .toAbsolutePath().normalize();
  static final Path BINARY = DIST.resolve("bin/jcrun");

  /** What a finished jcrun printed and returned. */
  record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private final Path root;

  Jcrun(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY.toString());
    cmd.add("--root");
    cmd.add(root.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs jcrun to completion (60 s at most) in {@code cwd}, stdin closed. */
  Result run(Path cwd, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command(args)).directory(cwd.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = Files.createTempFile("jcrun-out", ".txt");
    Path err = Files.createTempFile("jcrun-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jcrun " + String.join(" ", args) + " did not finish in 60 s");
    }
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  /** Starts jcrun without waiting, output to files in {@code dir}. */
  Process start(Path cwd, Path outFile, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args)).directory(cwd.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectOutput(outFile.toFile()).redirectErrorStream(true);
    return pb.start();
  }
}
