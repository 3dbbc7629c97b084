package io.jcrun.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Parses a {@link Request} with picocli, runs the verb, and turns every outcome into an exit status. */
public final class Jcrun {
  private final Request request;

  public Jcrun(Request request) {
    this.request = request;
  }

  private static final java.util.Set<String> GLOBAL_OPTIONS_WITH_VALUES =
      java.util.Set.of("--root", "--log", "--log-format", "--cgroup-manager", "--image-root");

  /** The first argument that is neither a global option nor its value: the verb, or null. */
  static String verb(java.util.List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-")) {
        return a;
      }
      if (GLOBAL_OPTIONS_WITH_VALUES.contains(a)) {
        i++;
      }
    }
    return null;
  }

  public int execute() {
    Context context = new Context(request);
    JcrunCommand top = new JcrunCommand(context);
    ErrorReporter errors = new ErrorReporter(request, top.global);
    CommandLine cli = new CommandLine(top);
    String verb = verb(request.args());
    java.util.Optional<Class<?>> command = verb == null ? java.util.Optional.empty()
        : JcrunCommand.verb(verb);
    if (verb == null) {
      if (!request.args().contains("--version") && !request.args().contains("-V")) {
        JcrunCommand.VERBS.forEach(cli::addSubcommand); // the top help lists them all
      }
    } else {
      command.ifPresent(cli::addSubcommand);
    }
    // After the subcommands are added: picocli hands these settings down only to those present.
    cli.setOut(new PrintWriter(request.out(), true))
        .setErr(new PrintWriter(request.err(), true))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> errors.report(e))
        .setParameterExceptionHandler((e, args) -> errors.usage(e));
    if (verb != null && command.isEmpty()) {
      // Not picocli's default: `jcrun checkpoint --help` would print the top help and exit 0,
      // and podman reads exit 0 as "checkpoint is supported".
      return errors.usage(new CommandLine.ParameterException(cli,
          "unknown command \"" + verb + "\""));
    }
    // After the id, exec takes the command and ps the ps(1) arguments verbatim, flags included.
    for (String verbatim : java.util.List.of("exec", "ps")) {
      if (cli.getSubcommands().containsKey(verbatim)) {
        cli.getSubcommands().get(verbatim).setStopAtPositional(true);
      }
    }
    return cli.execute(request.args().toArray(new String[0]));
  }
}
