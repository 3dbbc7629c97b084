package io.jcrun.cli;

import io.jcrun.runtime.ContainerView;
import io.jcrun.runtime.JcrunException;
import io.jcrun.spec.json.GoJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List the containers under the root.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json.")
  String format;

  @Option(names = {"-q", "--quiet"}, description = "Print only the ids.")
  boolean quiet;

  @Override
  public Integer call() throws JcrunException {
    List<ContainerView> views = jcrun.context.containers(jcrun.global).list();
    PrintStream out = jcrun.context.request().out();
    if (quiet) {
      views.forEach(v -> out.println(v.state().id()));
      return 0;
    }
    switch (format) {
      case "json" -> {
        List<Object> states = new ArrayList<>();
        views.forEach(v -> states.add(StateOutput.of(v).json()));
        // runc encodes a nil slice when there is no container: null, not [].
        out.println(states.isEmpty() ? "null" : GoJson.compact(states));
      }
      case "table" -> printTable(views, out);
      default -> throw new IllegalArgumentException(
          "--format: \"" + format + "\" is not one of [table, json]");
    }
    return 0;
  }

  /**
   * runc's layout, {@code tabwriter.NewWriter(out, 12, 1, 3, ' ', 0)}: each column as wide as
   * its widest cell plus 3, and at least 12.
   */
  private static void printTable(List<ContainerView> views, PrintStream out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
    for (ContainerView v : views) {
      StateOutput s = StateOutput.of(v);
      rows.add(new String[] {s.id(), Integer.toString(s.pid()), s.status(), s.bundle(),
          s.created(), s.owner()});
    }
    int[] width = new int[6];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], Math.max(12, r[i].length() + 3));
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        sb.append(r[i]);
        if (i < r.length - 1) {
          sb.append(" ".repeat(width[i] - r[i].length()));
        }
      }
      out.println(sb);
    }
  }
}
