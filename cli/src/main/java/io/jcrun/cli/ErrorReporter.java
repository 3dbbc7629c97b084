package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.spec.json.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import picocli.CommandLine;

/**
 * The one place where failures become output and an exit status: one line on stderr, the same
 * as a logrus-style JSON line in the {@code --log} file when asked, exit status 1. Stack traces
 * only with {@code --debug} or for bugs.
 */
final class ErrorReporter {
  private final Request request;
  private final GlobalOptions global;

  ErrorReporter(Request request, GlobalOptions global) {
    this.request = request;
    this.global = global;
  }

  int report(Exception e) {
    // The libraries' checked exceptions (JcrunException, IOException and its kin such as
    // ImageException) carry a message for the user; anything else is a bug.
    boolean expected = e instanceof JcrunException || e instanceof java.io.IOException
        || e instanceof IllegalArgumentException;
    String message = expected ? e.getMessage() : "internal error: " + e;
    request.err().println("jcrun: " + message);
    if (global.debug || !expected) {
      e.printStackTrace(request.err());
    }
    log(message);
    return 1;
  }

  int usage(CommandLine.ParameterException e) {
    request.err().println("jcrun: " + e.getMessage());
    String verb = e.getCommandLine().getCommandName();
    request.err().println("Run '" + (verb.equals("jcrun") ? "jcrun" : "jcrun " + verb)
        + " --help' for usage.");
    log(e.getMessage());
    return 1;
  }

  private void log(String message) {
    if (global.log == null) {
      return;
    }
    String line;
    String time = Instant.now().toString();
    if ("json".equals(global.logFormat)) {
      line = "{\"level\":\"error\",\"msg\":" + GoJson.quote(message) + ",\"time\":"
          + GoJson.quote(time) + "}\n";
    } else {
      line = "time=\"" + time + "\" level=error msg=" + GoQuote.quote(message) + "\n";
    }
    try {
      Files.writeString(request.resolve(global.log), line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException io) {
      request.err().println("jcrun: write log " + global.log + ": " + io.getMessage());
    }
  }
}
