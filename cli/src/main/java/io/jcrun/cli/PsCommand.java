package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "ps", mixinStandardHelpOptions = true,
    description = {"List the processes of a container.",
        "As a table, runs ps(1) with the given arguments (default -ef) and keeps its rows."})
final class PsCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json.")
  String format;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Parameters(index = "1..*", paramLabel = "PS_ARGS")
  List<String> psArgs = new ArrayList<>();

  @Override
  public Integer call() throws JcrunException {
    List<Integer> pids = jcrun.context.containers(jcrun.global).pids(ContainerId.of(id));
    PrintStream out = jcrun.context.request().out();
    switch (format) {
      case "json" -> out.println(pids.isEmpty() ? "null"
          : pids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b)
              .map(s -> "[" + s + "]").orElseThrow());
      case "table" -> printTable(pids, out);
      default -> throw new IllegalArgumentException(
          "--format: \"" + format + "\" is not one of [table, json]");
    }
    return 0;
  }

  /** runc's way: ps(1)'s header and the rows whose PID column is one of the container's. */
  private void printTable(List<Integer> pids, PrintStream out) throws JcrunException {
    List<String> cmd = new ArrayList<>(List.of("ps"));
    cmd.addAll(psArgs.isEmpty() ? List.of("-ef") : psArgs);
    String output;
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      output = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new JcrunException("ps " + String.join(" ", cmd.subList(1, cmd.size())) + ": "
            + output.strip());
      }
    } catch (IOException e) {
      throw new JcrunException("run ps: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JcrunException("run ps: interrupted", e);
    }
    String[] lines = output.split("\n");
    int column = List.of(lines[0].trim().split("\\s+")).indexOf("PID");
    if (column < 0) {
      throw new JcrunException("ps " + String.join(" ", cmd.subList(1, cmd.size()))
          + ": no PID column in its output");
    }
    Set<String> wanted = new HashSet<>();
    pids.forEach(pid -> wanted.add(Integer.toString(pid)));
    out.println(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].trim().split("\\s+");
      if (fields.length > column && wanted.contains(fields[column])) {
        out.println(lines[i]);
      }
    }
  }
}
