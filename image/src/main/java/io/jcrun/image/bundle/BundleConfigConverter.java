package io.jcrun.image.bundle;

import io.jcrun.image.ImageException;
import io.jcrun.spec.DefaultSpec;
import io.jcrun.spec.Process;
import io.jcrun.spec.Root;
import io.jcrun.spec.Spec;
import io.jcrun.spec.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts an image config into a bundle's {@code config.json}: jcrun's default spec ({@link
 * DefaultSpec#example()}) with the image's command, environment, working dir, user, labels and
 * stop signal, no terminal, and a writable rootfs at {@code rootfs}. Pure.
 */
public final class BundleConfigConverter {
  /** The annotation the image-spec defines for a config's StopSignal. */
  public static final String STOP_SIGNAL = "org.opencontainers.image.stopSignal";

  private BundleConfigConverter() {}

  /**
   * @param command replaces the image's Cmd when not empty (the Entrypoint stays), as {@code
   *     docker run IMAGE CMD...} does
   */
  public static Spec convert(ImageConfig image, List<String> command, ResolvedUser user)
      throws ImageException {
    ImageConfig.Config c = image.config() == null ? new ImageConfig.Config(null, null, null, null,
        null, null, null, null, null, null) : image.config();
    List<String> args = new ArrayList<>();
    if (c.entrypoint() != null) {
      args.addAll(c.entrypoint());
    }
    args.addAll(!command.isEmpty() ? command : c.cmd() == null ? List.of() : c.cmd());
    if (args.isEmpty()) {
      throw new ImageException("create bundle: the image has no Entrypoint or Cmd, and no"
          + " command was given");
    }
    Spec base = DefaultSpec.example();
    Process p = base.process();
    List<String> env = new ArrayList<>(c.env() == null ? List.of() : c.env());
    if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
      p.env().stream().filter(e -> e.startsWith("PATH=")).forEach(env::add);
    }
    if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
      env.add("HOME=" + user.home());
    }
    String cwd = c.workingDir() == null || c.workingDir().isEmpty() ? "/" : c.workingDir();
    Process process = new Process(
        false,
        null,
        new Process.User(user.uid(), user.gid(), null,
            user.additionalGids().isEmpty() ? null : user.additionalGids(), null),
        List.copyOf(args),
        null,
        List.copyOf(env),
        cwd,
        p.capabilities(),
        p.rlimits(),
        p.noNewPrivileges(),
        p.apparmorProfile(),
        p.oomScoreAdj(),
        p.scheduler(),
        p.selinuxLabel(),
        p.ioPriority(),
        p.execCpuAffinity());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (c.labels() != null) {
      annotations.putAll(c.labels());
    }
    if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
      annotations.put(STOP_SIGNAL, c.stopSignal());
    }
    // Writable, unlike runc's example: the overlay's upper dir is the container's own, and most
    // images expect to write (/tmp, /var/run).
    Root root = new Root("rootfs", false);
    return new Spec(base.ociVersion(), process, root, base.hostname(), base.domainname(),
        base.mounts(), base.hooks(), annotations.isEmpty() ? null : annotations, base.linux());
  }
}
