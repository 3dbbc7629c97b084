package io.jcrun.image.bundle;

import java.util.List;

/**
 * The ids a container process runs as, resolved from an image's {@code User} against its own
 * {@code /etc/passwd} and {@code /etc/group}, and the home directory for {@code HOME}.
 */
public record ResolvedUser(long uid, long gid, List<Long> additionalGids, String home) {
  public ResolvedUser {
    additionalGids = List.copyOf(additionalGids);
  }
}
