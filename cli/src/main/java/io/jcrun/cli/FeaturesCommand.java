package io.jcrun.cli;

import io.jcrun.linux.Capability;
import io.jcrun.linux.NamespaceType;
import io.jcrun.runtime.config.MountOption;
import io.jcrun.runtime.seccomp.CompareOp;
import io.jcrun.runtime.seccomp.SeccompAction;
import io.jcrun.runtime.seccomp.SeccompArch;
import io.jcrun.runtime.seccomp.SeccompFlag;
import io.jcrun.spec.DefaultSpec;
import io.jcrun.spec.Features;
import io.jcrun.spec.SpecMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Print what this jcrun implements, as runtime-spec features JSON.")
final class FeaturesCommand implements Callable<Integer> {
  @ParentCommand
  JcrunCommand jcrun;

  @Override
  public Integer call() {
    // Everything comes from the tables the code itself uses, so this cannot disagree with it.
    Features f = new Features("1.0.0", DefaultSpec.OCI_VERSION,
        List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart",
            "poststop"),
        Arrays.stream(MountOption.values()).map(MountOption::option).sorted().toList(),
        new Features.LinuxFeatures(
            Arrays.stream(NamespaceType.values()).map(NamespaceType::ociName).toList(),
            Arrays.stream(Capability.values()).map(Capability::name).toList(),
            new Features.Cgroup(true, true, false, false, false),
            new Features.Seccomp(true,
                Arrays.stream(SeccompAction.values()).map(Enum::name).toList(),
                Arrays.stream(CompareOp.values()).map(Enum::name).toList(),
                Arrays.stream(SeccompArch.values()).filter(SeccompArch::supported)
                    .map(Enum::name).toList(),
                Arrays.stream(SeccompFlag.values()).map(Enum::name).toList(),
                Arrays.stream(SeccompFlag.values()).map(Enum::name).toList()),
            new Features.Apparmor(false), new Features.Selinux(false),
            new Features.IntelRdt(false, false, false), null,
            new Features.MountExtensions(new Features.IdMap(false)),
            new Features.NetDevices(false)),
        Map.of("io.jcrun.version", VersionInfo.VERSION), List.of());
    jcrun.context.request().out().println(SpecMapper.writePretty4(f));
    return 0;
  }
}
