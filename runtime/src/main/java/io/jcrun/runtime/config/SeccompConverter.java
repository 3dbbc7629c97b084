package io.jcrun.runtime.config;

import io.jcrun.runtime.seccomp.ArgCondition;
import io.jcrun.runtime.seccomp.CompareOp;
import io.jcrun.runtime.seccomp.SeccompAction;
import io.jcrun.runtime.seccomp.SeccompArch;
import io.jcrun.runtime.seccomp.SeccompFlag;
import io.jcrun.runtime.seccomp.SeccompProfile;
import io.jcrun.runtime.seccomp.SeccompRule;
import io.jcrun.spec.LinuxSeccomp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Converts {@code linux.seccomp} into the compiler's {@link SeccompProfile}: every action,
 * operator, architecture and flag name checked, each error naming its JSON path and the
 * allowed values. Unknown syscall names are not errors: the compiler skips them, as libseccomp
 * does.
 */
public final class SeccompConverter {
  private static final String PATH = "linux.seccomp";

  private SeccompConverter() {}

  public static SeccompProfile convert(LinuxSeccomp s) throws InvalidConfigException {
    if (s.defaultAction() == null) {
      throw new InvalidConfigException(PATH + ".defaultAction", "required");
    }
    SeccompAction defaultAction =
        parse(s.defaultAction(), SeccompAction::parse, PATH + ".defaultAction");
    List<SeccompArch> archs = new ArrayList<>();
    List<String> names = s.architectures() == null ? List.of() : s.architectures();
    for (int i = 0; i < names.size(); i++) {
      archs.add(parse(names.get(i), SeccompArch::parse, PATH + ".architectures[" + i + "]"));
    }
    Set<SeccompFlag> flags = EnumSet.noneOf(SeccompFlag.class);
    List<String> flagNames = s.flags() == null ? List.of() : s.flags();
    for (int i = 0; i < flagNames.size(); i++) {
      flags.add(parse(flagNames.get(i), SeccompFlag::parse, PATH + ".flags[" + i + "]"));
    }
    List<SeccompRule> rules = new ArrayList<>();
    List<LinuxSeccomp.Syscall> syscalls = s.syscalls() == null ? List.of() : s.syscalls();
    for (int i = 0; i < syscalls.size(); i++) {
      rules.add(rule(syscalls.get(i), PATH + ".syscalls[" + i + "]"));
    }
    if (rules.stream().anyMatch(r -> r.action() == SeccompAction.SCMP_ACT_NOTIFY)
        && (s.listenerPath() == null || s.listenerPath().isEmpty())) {
      throw new InvalidConfigException(PATH + ".listenerPath",
          "required when a rule uses SCMP_ACT_NOTIFY");
    }
    try {
      return new SeccompProfile(defaultAction, errno(s.defaultErrnoRet(), PATH + ".defaultErrnoRet"),
          archs, flags, rules);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(PATH, e.getMessage());
    }
  }

  private static SeccompRule rule(LinuxSeccomp.Syscall s, String path)
      throws InvalidConfigException {
    if (s == null || s.names() == null || s.names().isEmpty()) {
      throw new InvalidConfigException(path + ".names", "must not be empty");
    }
    if (s.action() == null) {
      throw new InvalidConfigException(path + ".action", "required");
    }
    SeccompAction action = parse(s.action(), SeccompAction::parse, path + ".action");
    List<ArgCondition> args = new ArrayList<>();
    List<LinuxSeccomp.Arg> list = s.args() == null ? List.of() : s.args();
    for (int i = 0; i < list.size(); i++) {
      LinuxSeccomp.Arg a = list.get(i);
      String p = path + ".args[" + i + "]";
      if (a.index() == null || a.index() < 0 || a.index() > 5) {
        throw new InvalidConfigException(p + ".index", a.index() + " is not between 0 and 5");
      }
      if (a.op() == null) {
        throw new InvalidConfigException(p + ".op", "required");
      }
      CompareOp op = parse(a.op(), CompareOp::parse, p + ".op");
      args.add(new ArgCondition((int) (long) a.index(), a.value() == null ? 0 : a.value(),
          a.valueTwo() == null ? 0 : a.valueTwo(), op));
    }
    try {
      return new SeccompRule(List.copyOf(s.names()), action,
          errno(s.errnoRet(), path + ".errnoRet"), args);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(path, e.getMessage());
    }
  }

  private static Integer errno(Long value, String path) throws InvalidConfigException {
    if (value == null) {
      return null;
    }
    if (value < 0 || value > 65535) {
      throw new InvalidConfigException(path, value + " is not between 0 and 65535");
    }
    return (int) (long) value;
  }

  private static <T> T parse(String name, Function<String, T> parser, String path)
      throws InvalidConfigException {
    try {
      return parser.apply(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(path, e.getMessage());
    }
  }
}
