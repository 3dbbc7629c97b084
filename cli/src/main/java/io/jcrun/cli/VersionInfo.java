package io.jcrun.cli;

import io.jcrun.spec.DefaultSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code jcrun --version}: the runc layout, first line {@code jcrun version X}, then commit and spec. */
final class VersionInfo implements CommandLine.IVersionProvider {
  static final String VERSION = "0.1.0";

  @Override
  public String[] getVersion() throws IOException {
    String commit = "unknown";
    try (InputStream in = VersionInfo.class.getResourceAsStream("commit")) {
      if (in != null) {
        commit = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
      }
    }
    return new String[] {"jcrun version " + VERSION, "commit: " + commit,
        "spec: " + DefaultSpec.OCI_VERSION};
  }
}
