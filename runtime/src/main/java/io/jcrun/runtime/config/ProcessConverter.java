package io.jcrun.runtime.config;

import io.jcrun.linux.Capability;
import io.jcrun.linux.ContainerPath;
import io.jcrun.spec.Process;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Converts {@code process} (also the JSON of {@code exec --process}) into a {@link ProcessConfig}. */
public final class ProcessConverter {
  private ProcessConverter() {}

  /**
   * @param warnings receives what is accepted but not applied, as runc warns about it
   */
  public static ProcessConfig convert(Process p, String path, List<String> warnings)
      throws InvalidConfigException {
    if (p == null) {
      throw new InvalidConfigException(path, "required");
    }
    if (p.args() == null || p.args().isEmpty()) {
      throw new InvalidConfigException(path + ".args", "must not be empty");
    }
    for (int i = 0; i < p.args().size(); i++) {
      if (p.args().get(i) == null) {
        throw new InvalidConfigException(path + ".args[" + i + "]", "must be a string");
      }
    }
    if (p.commandLine() != null) {
      throw new InvalidConfigException(path + ".commandLine", "is for Windows; use args");
    }
    refuseUnsupported(p, path);
    List<String> env = p.env() == null ? List.of() : p.env();
    for (int i = 0; i < env.size(); i++) {
      String e = env.get(i);
      if (e == null || e.indexOf('=') <= 0) {
        throw new InvalidConfigException(path + ".env[" + i + "]",
            "\"" + e + "\" is not of the form KEY=value");
      }
    }
    if (p.cwd() == null || p.cwd().isEmpty()) {
      throw new InvalidConfigException(path + ".cwd", "required");
    }
    if (!p.cwd().startsWith("/")) {
      throw new InvalidConfigException(path + ".cwd", "\"" + p.cwd() + "\" is not an absolute path");
    }
    int uid = 0;
    int gid = 0;
    List<Integer> groups = new ArrayList<>();
    Optional<Integer> umask = Optional.empty();
    if (p.user() != null) {
      uid = id(p.user().uid(), path + ".user.uid");
      gid = id(p.user().gid(), path + ".user.gid");
      List<Long> extra = p.user().additionalGids() == null ? List.of() : p.user().additionalGids();
      if (extra.size() > 16) {
        throw new InvalidConfigException(path + ".user.additionalGids", "more than 16 groups");
      }
      for (int i = 0; i < extra.size(); i++) {
        groups.add(id(extra.get(i), path + ".user.additionalGids[" + i + "]"));
      }
      if (p.user().umask() != null) {
        long m = p.user().umask();
        if (m < 0 || m > 0777) {
          throw new InvalidConfigException(path + ".user.umask", m + " is not between 0 and 0777");
        }
        umask = Optional.of((int) m);
      }
      if (p.user().username() != null) {
        throw new InvalidConfigException(path + ".user.username", "is for Windows; use uid and gid");
      }
    }
    Optional<Integer> oom = Optional.empty();
    if (p.oomScoreAdj() != null) {
      int v = p.oomScoreAdj();
      if (v < -1000 || v > 1000) {
        throw new InvalidConfigException(path + ".oomScoreAdj", v + " is not between -1000 and 1000");
      }
      oom = Optional.of(v);
    }
    int height = 0;
    int width = 0;
    if (p.consoleSize() != null) {
      height = (int) Math.min(65535, nonNegative(p.consoleSize().height(), path + ".consoleSize.height"));
      width = (int) Math.min(65535, nonNegative(p.consoleSize().width(), path + ".consoleSize.width"));
    }
    return new ProcessConfig(Boolean.TRUE.equals(p.terminal()), height, width, p.args(), env,
        ContainerPath.of(p.cwd()), uid, gid, groups, umask, capabilities(p.capabilities(), path, warnings),
        Boolean.TRUE.equals(p.noNewPrivileges()), rlimits(p.rlimits(), path), oom);
  }

  private static void refuseUnsupported(Process p, String path) throws InvalidConfigException {
    if (p.apparmorProfile() != null && !p.apparmorProfile().isEmpty()) {
      throw new InvalidConfigException(path + ".apparmorProfile", "AppArmor is not supported by jcrun");
    }
    if (p.selinuxLabel() != null && !p.selinuxLabel().isEmpty()) {
      throw new InvalidConfigException(path + ".selinuxLabel", "SELinux is not supported by jcrun");
    }
    if (p.scheduler() != null) {
      throw new InvalidConfigException(path + ".scheduler", "not supported by jcrun yet");
    }
    if (p.ioPriority() != null) {
      throw new InvalidConfigException(path + ".ioPriority", "not supported by jcrun yet");
    }
    if (p.execCpuAffinity() != null) {
      throw new InvalidConfigException(path + ".execCPUAffinity", "not supported by jcrun yet");
    }
  }

  private static long nonNegative(Long v, String path) throws InvalidConfigException {
    if (v == null) {
      return 0;
    }
    if (v < 0) {
      throw new InvalidConfigException(path, v + " is negative");
    }
    return v;
  }

  /** An unsigned 32-bit id, kept in an int with the same bits. */
  static int id(Long v, String path) throws InvalidConfigException {
    if (v == null) {
      return 0;
    }
    if (v < 0 || v > 0xffffffffL) {
      throw new InvalidConfigException(path, v + " is not a 32-bit unsigned id");
    }
    return (int) (long) v;
  }

  private static Optional<CapabilitySets> capabilities(Process.Capabilities c, String path,
      List<String> warnings) throws InvalidConfigException {
    if (c == null) {
      return Optional.empty();
    }
    String base = path + ".capabilities";
    long permitted = mask(c.permitted(), base + ".permitted");
    long inheritable = mask(c.inheritable(), base + ".inheritable");
    long ambient = mask(c.ambient(), base + ".ambient");
    // The kernel raises an ambient capability only if it is permitted and inheritable; runc
    // warns and goes on without it (its own `runc spec` asks for ambient caps it cannot get).
    long unraisable = ambient & ~(permitted & inheritable);
    if (unraisable != 0) {
      warnings.add(base + ".ambient: " + CapabilitySets.render(unraisable)
          + " not in both permitted and inheritable, so not raised");
      ambient &= ~unraisable;
    }
    return Optional.of(new CapabilitySets(mask(c.bounding(), base + ".bounding"),
        mask(c.effective(), base + ".effective"), inheritable, permitted, ambient));
  }

  private static long mask(List<String> names, String path) throws InvalidConfigException {
    long mask = 0;
    if (names == null) {
      return 0;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Capability cap = name == null ? null : Capability.fromName(name);
      if (cap == null) {
        throw new InvalidConfigException(path + "[" + i + "]",
            "\"" + name + "\" is not a known capability (CAP_CHOWN ... CAP_CHECKPOINT_RESTORE)");
      }
      mask |= 1L << cap.number();
    }
    return mask;
  }

  private static List<Rlimit> rlimits(List<Process.Rlimit> list, String path)
      throws InvalidConfigException {
    List<Rlimit> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Process.Rlimit r = list.get(i);
      String p = path + ".rlimits[" + i + "]";
      int resource = r.type() == null ? -1 : Rlimit.NAMES.indexOf(r.type());
      if (resource < 0) {
        throw InvalidConfigException.notOneOf(p + ".type", r.type(), Rlimit.NAMES);
      }
      for (Rlimit seen : out) {
        if (seen.resource() == resource) {
          throw new InvalidConfigException(p + ".type", "duplicate rlimit \"" + r.type() + "\"");
        }
      }
      long soft = r.soft() == null ? 0 : r.soft();
      long hard = r.hard() == null ? 0 : r.hard();
      if (Long.compareUnsigned(soft, hard) > 0) {
        throw new InvalidConfigException(p, "soft limit " + Long.toUnsignedString(soft)
            + " is above the hard limit " + Long.toUnsignedString(hard));
      }
      out.add(new Rlimit(r.type(), resource, soft, hard));
    }
    return out;
  }
}
