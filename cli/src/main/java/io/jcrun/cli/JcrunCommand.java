package io.jcrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code jcrun} command: global flags, then a verb. */
@Command(name = "jcrun", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "An OCI container runtime.",
    subcommands = {CreateCommand.class, StartCommand.class, RunCommand.class,
        StateCommand.class, KillCommand.class, DeleteCommand.class, ListCommand.class,
        ExecCommand.class,
        PsCommand.class, PauseCommand.class, ResumeCommand.class, UpdateCommand.class,
        EventsCommand.class, FeaturesCommand.class, SpecCommand.class, ImageCommand.class,
        BundleCommand.class})
final class JcrunCommand implements Runnable {
  final Context context;

  @Mixin
  final GlobalOptions global = new GlobalOptions();

  @Spec
  CommandSpec spec;

  JcrunCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
