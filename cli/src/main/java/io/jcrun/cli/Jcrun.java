package io.jcrun.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Parses a {@link Request} with picocli, runs the verb, and turns every outcome into an exit status. */
public final class Jcrun {
  private final Request request;

  public Jcrun(Request request) {
    this.request = request;
  }

  public int execute() {
    Context context = new Context(request);
    JcrunCommand top = new JcrunCommand(context);
    ErrorReporter errors = new ErrorReporter(request, top.global);
    CommandLine cli = new CommandLine(top)
        .setOut(new PrintWriter(request.out(), true))
        .setErr(new PrintWriter(request.err(), true))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> errors.report(e))
        .setParameterExceptionHandler((e, args) -> errors.usage(e));
    // After the id, exec takes the command and ps the ps(1) arguments verbatim, flags included.
    cli.getSubcommands().get("exec").setStopAtPositional(true);
    cli.getSubcommands().get("ps").setStopAtPositional(true);
    return cli.execute(request.args().toArray(new String[0]));
  }
}
