package io.jcrun.cli;

import io.jcrun.runtime.Containers;
import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import io.jcrun.runtime.state.ContainerStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "events", mixinStandardHelpOptions = true,
    description = {"Print a container's stats and OOM events as JSON lines, as runc does.",
        "--stats prints one stats event and exits; otherwise one every --interval until the"
            + " container stops, and an oom event whenever the OOM killer strikes."})
final class EventsCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = "--stats", description = "Print the stats once and exit.")
  boolean stats;

  @Option(names = "--interval", defaultValue = "5s", description = "A Go duration (default 5s).")
  String interval;

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Override
  public Integer call() throws JcrunException, InterruptedException {
    ContainerId cid = ContainerId.of(id);
    Containers containers = jcrun.context.containers(jcrun.global);
    PrintStream out = jcrun.context.request().out();
    if (stats) {
      out.println(StatsJson.event("stats", id, containers.stats(cid)));
      return 0;
    }
    Duration every = GoDuration.parse(interval);
    if (every.isZero() || every.isNegative()) {
      throw new IllegalArgumentException("--interval: duration must be greater than 0");
    }
    long ooms = containers.oomKillCount(cid);
    for (;;) {
      long now;
      try {
        now = containers.oomKillCount(cid);
      } catch (io.jcrun.runtime.state.ContainerNotFoundException e) {
        return 0;
      }
      // Before the status: an OOM kill often ends the container it is reported for.
      if (now > ooms) {
        out.println(StatsJson.event("oom", id, null));
        out.flush();
        ooms = now;
      }
      if (containers.state(cid).status() == ContainerStatus.STOPPED) {
        return 0;
      }
      out.println(StatsJson.event("stats", id, containers.stats(cid)));
      out.flush();
      Thread.sleep(every.toMillis(), every.toNanosPart() % 1_000_000);
    }
  }
}
