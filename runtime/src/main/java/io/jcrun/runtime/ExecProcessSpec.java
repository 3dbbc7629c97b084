package io.jcrun.runtime;

import io.jcrun.runtime.config.InvalidConfigException;
import io.jcrun.spec.Process;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@code exec} starts, as runc builds it: the {@code --process} JSON as given, or
 * the container's own process with the arguments, terminal, cwd, env, user, capabilities,
 * groups and no_new_privs of the command line laid over it.
 */
final class ExecProcessSpec {
  private ExecProcessSpec() {}

  static Process build(ExecOptions o, Process container) throws JcrunException {
    if (o.processFile().isPresent()) {
      Path file = o.processFile().get();
      try {
        return SpecMapper.read(file, Process.class);
      } catch (SpecException e) {
        throw new JcrunException("--process " + file + ": " + e.getMessage(), e);
      }
    }
    if (o.args().isEmpty()) {
      throw new JcrunException("exec needs a command (or --process FILE)");
    }
    Process base = container == null
        ? new Process(null, null, null, null, null, null, "/", null, null, null, null, null, null,
            null, null, null)
        : container;
    List<String> env = new ArrayList<>(base.env() == null ? List.of() : base.env());
    env.addAll(o.env());
    Process.User user = base.user();
    if (o.user().isPresent()) {
      user = parseUser(o.user().get(), user);
    }
    if (!o.additionalGids().isEmpty()) {
      user = new Process.User(user == null ? 0L : user.uid(), user == null ? 0L : user.gid(),
          user == null ? null : user.umask(), o.additionalGids(), null);
    }
    return new Process(o.tty(), base.consoleSize(), user, o.args(), null, env,
        o.cwd().orElse(base.cwd() == null ? "/" : base.cwd()), addCaps(base.capabilities(),
            o.addCapabilities()), base.rlimits(),
        o.noNewPrivileges() || Boolean.TRUE.equals(base.noNewPrivileges()), null,
        base.oomScoreAdj(), null, null, null, null);
  }

  /** {@code uid[:gid]}, numbers as runc takes them (names need the container's /etc/passwd). */
  private static Process.User parseUser(String spec, Process.User base) throws JcrunException {
    String[] parts = spec.split(":", 2);
    try {
      long uid = Long.parseLong(parts[0]);
      long gid = parts.length > 1 ? Long.parseLong(parts[1]) : (base == null ? 0 : base.gid());
      return new Process.User(uid, gid, base == null ? null : base.umask(), null, null);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("--user", "\"" + spec + "\" is not uid[:gid] in numbers");
    }
  }

  /** runc's --cap: the capability joins the bounding, effective, permitted and inheritable sets. */
  private static Process.Capabilities addCaps(Process.Capabilities caps, List<String> add) {
    if (add.isEmpty()) {
      return caps;
    }
    Process.Capabilities c = caps == null
        ? new Process.Capabilities(List.of(), List.of(), List.of(), List.of(), List.of()) : caps;
    return new Process.Capabilities(plus(c.bounding(), add), plus(c.effective(), add),
        plus(c.inheritable(), add), plus(c.permitted(), add), c.ambient());
  }

  private static List<String> plus(List<String> list, List<String> add) {
    List<String> out = new ArrayList<>(list == null ? List.of() : list);
    for (String a : add) {
      if (!out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }
}
