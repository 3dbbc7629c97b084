package io.jcrun.cli;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.state.ContainerId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How {@code create} and {@code run} read their positional argument: an id (runc's form, with
 * the bundle from {@code --bundle} or the current directory), or, when it contains a slash,
 * the bundle itself, for which jcrun makes up an id.
 */
record ContainerArgs(ContainerId id, Path bundle) {
  static ContainerArgs parse(String arg, String bundleOption, Request request)
      throws JcrunException {
    if (arg.contains("/")) {
      if (bundleOption != null) {
        throw new JcrunException("\"" + arg + "\" names a bundle, and so does --bundle: give one");
      }
      byte[] random = new byte[6];
      new SecureRandom().nextBytes(random);
      return new ContainerArgs(ContainerId.of("jcrun-" + HexFormat.of().formatHex(random)),
          request.resolve(arg));
    }
    return new ContainerArgs(ContainerId.of(arg),
        bundleOption == null ? request.cwd() : request.resolve(bundleOption));
  }
}
