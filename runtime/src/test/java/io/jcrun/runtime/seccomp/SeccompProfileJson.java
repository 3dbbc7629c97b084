package io.jcrun.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Test-only reader of seccomp profile JSON into the model: the OCI {@code linux.seccomp} shape, and
 * the template shape of moby's and containers/common's default profiles ({@code archMap}, {@code
 * includes}/{@code excludes} on caps and arches), resolved the way the engines resolve it before
 * writing config.json: for one host arch (Go's name) and one capability set.
 */
final class SeccompProfileJson {
  private SeccompProfileJson() {}

  static SeccompProfile read(String resource, String goArch, Set<String> caps) {
    try (InputStream in = SeccompProfileJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return convert(new ObjectMapper().readTree(in), goArch, caps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SeccompProfile convert(JsonNode json, String goArch, Set<String> caps) {
    List<SeccompArch> archs = new ArrayList<>();
    for (JsonNode name : json.path("architectures")) {
      archs.add(SeccompArch.parse(name.asText()));
    }
    for (JsonNode entry : json.path("archMap")) {
      SeccompArch arch = SeccompArch.parse(entry.get("architecture").asText());
      if (goArch(arch).equals(goArch)) {
        archs.add(arch);
        for (JsonNode sub : entry.path("subArchitectures")) {
          archs.add(SeccompArch.parse(sub.asText()));
        }
      }
    }
    Set<SeccompFlag> flags = EnumSet.noneOf(SeccompFlag.class);
    for (JsonNode flag : json.path("flags")) {
      flags.add(SeccompFlag.parse(flag.asText()));
    }
    List<SeccompRule> rules = new ArrayList<>();
    for (JsonNode syscall : json.path("syscalls")) {
      if (!applies(syscall.path("includes"), syscall.path("excludes"), goArch, caps)) {
        continue;
      }
      List<String> names = new ArrayList<>();
      syscall.path("names").forEach(name -> names.add(name.asText()));
      List<ArgCondition> args = new ArrayList<>();
      for (JsonNode arg : syscall.path("args")) {
        args.add(
            new ArgCondition(
                arg.get("index").asInt(),
                arg.get("value").bigIntegerValue().longValue(),
                arg.path("valueTwo").bigIntegerValue().longValue(),
                CompareOp.parse(arg.get("op").asText())));
      }
      JsonNode errnoRet = syscall.get("errnoRet");
      rules.add(
          new SeccompRule(
              names,
              SeccompAction.parse(syscall.get("action").asText()),
              errnoRet == null ? null : errnoRet.asInt(),
              args));
    }
    JsonNode defaultErrnoRet = json.get("defaultErrnoRet");
    return new SeccompProfile(
        SeccompAction.parse(json.get("defaultAction").asText()),
        defaultErrnoRet == null ? null : defaultErrnoRet.asInt(),
        archs,
        flags,
        rules);
  }

  /** moby's {@code Filter} semantics: every include must hold and no exclude may. */
  private static boolean applies(
      JsonNode includes, JsonNode excludes, String goArch, Set<String> caps) {
    for (JsonNode cap : includes.path("caps")) {
      if (!caps.contains(cap.asText())) {
        return false;
      }
    }
    if (includes.has("arches") && !contains(includes.get("arches"), goArch)) {
      return false;
    }
    for (JsonNode cap : excludes.path("caps")) {
      if (caps.contains(cap.asText())) {
        return false;
      }
    }
    return !contains(excludes.path("arches"), goArch);
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode element : array) {
      if (element.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String goArch(SeccompArch arch) {
    return switch (arch) {
      case SCMP_ARCH_X86_64 -> "amd64";
      case SCMP_ARCH_AARCH64 -> "arm64";
      case SCMP_ARCH_X86 -> "386";
      default -> arch.name().substring("SCMP_ARCH_".length()).toLowerCase(java.util.Locale.ROOT);
    };
  }
}
