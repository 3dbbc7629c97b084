package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.spec.DefaultSpec;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "spec", mixinStandardHelpOptions = true,
    description = "Write a default config.json (as runc spec does) into the bundle directory.")
final class SpecCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Option(names = {"-b", "--bundle"}, paramLabel = "DIR", description = "Where to write config.json.")
  String bundle;

  @Option(names = "--rootless", description = "A config for an unprivileged user.")
  boolean rootless;

  @Override
  public Integer call() throws JcrunException {
    Request request = jcrun.context.request();
    Path dir = bundle == null ? request.cwd() : request.resolve(bundle);
    Path file = dir.resolve("config.json");
    Object spec = rootless
        ? DefaultSpec.rootless(jcrun.context.syscalls().geteuid(),
            jcrun.context.syscalls().getegid())
        : DefaultSpec.example();
    try {
      Files.writeString(file, SpecMapper.writePretty(spec) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new JcrunException("File " + file + " exists. Remove it first");
    } catch (IOException e) {
      throw new JcrunException("write " + file + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
