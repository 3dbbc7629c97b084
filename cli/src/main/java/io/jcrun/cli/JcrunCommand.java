package io.jcrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code jcrun} command: global flags, then a verb. */
@Command(name = "jcrun", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "An OCI container runtime.")
final class JcrunCommand implements Runnable {
  /**
   * The verbs, in the order help lists them. Not in the annotation: picocli would reflect over
   * every verb's options at each start, and a short verb only needs its own.
   */
  static final java.util.List<Class<?>> VERBS = java.util.List.of(CreateCommand.class,
      StartCommand.class, RunCommand.class, StateCommand.class, KillCommand.class,
      DeleteCommand.class, ListCommand.class, ExecCommand.class, PsCommand.class,
      PauseCommand.class, ResumeCommand.class, UpdateCommand.class, EventsCommand.class,
      FeaturesCommand.class, SpecCommand.class, ImageCommand.class, BundleCommand.class);

  /** The verb class called {@code name} (or an alias of it), if any. */
  static java.util.Optional<Class<?>> verb(String name) {
    for (Class<?> verb : VERBS) {
      Command c = verb.getAnnotation(Command.class);
      if (c.name().equals(name) || java.util.Arrays.asList(c.aliases()).contains(name)) {
        return java.util.Optional.of(verb);
      }
    }
    return java.util.Optional.empty();
  }

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
