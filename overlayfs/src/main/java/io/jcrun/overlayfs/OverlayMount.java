package io.jcrun.overlayfs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.List;

/**
 * One overlay mount: lower dirs topmost first, the upper and work dirs, the mount point and extra
 * options such as {@code userxattr}. Immutable; {@link #validate()} checks what the kernel's option
 * parser would misread.
 */
public record OverlayMount(
    List<Path> lowerDirs, Path upperDir, Path workDir, Path target, List<String> options) {

  /**
   * The most bytes {@code mount(2)} copies from its data argument: one page, and the string needs
   * its NUL inside it. 4 KiB is the smallest page size of the architectures jcrun runs on.
   */
  public static final int MAX_MOUNT_DATA = 4095;

  public OverlayMount {
    if (lowerDirs.isEmpty()) {
      throw new IllegalArgumentException("an overlay needs at least one lower dir");
    }
    lowerDirs = List.copyOf(lowerDirs);
    options = List.copyOf(options);
  }

  public OverlayMount(List<Path> lowerDirs, Path upperDir, Path workDir, Path target) {
    this(lowerDirs, upperDir, workDir, target, List.of());
  }

  /**
   * Rejects paths the overlay option parser would split: {@code :} separates lower dirs and
   * {@code ,} separates options, and both reach the kernel unescaped.
   */
  public void validate() throws OverlayException {
    for (Path lower : lowerDirs) {
      check("lower dir", lower);
    }
    check("upper dir", upperDir);
    check("work dir", workDir);
  }

  private void check(String role, Path dir) throws OverlayException {
    String s = dir.toString();
    if (s.indexOf(':') >= 0 || s.indexOf(',') >= 0) {
      throw new OverlayException("mount overlay on " + target + ": " + role + " " + s
          + " contains ':' or ',', which overlayfs reads as separators");
    }
  }

  /** {@code lowerdir=a:b,upperdir=u,workdir=w[,option...]}, whatever its length. */
  public String mountData() {
    return mountData(lowerDirs.stream().map(Path::toString).toList());
  }

  /** The mount data with {@code lowers} (topmost first) in place of the lower dirs' paths. */
  String mountData(List<String> lowers) {
    StringBuilder sb = new StringBuilder("lowerdir=").append(String.join(":", lowers))
        .append(",upperdir=").append(upperDir).append(",workdir=").append(workDir);
    for (String option : options) {
      sb.append(',').append(option);
    }
    return sb.toString();
  }

  /** Whether {@link #mountData()} fits in the one page that {@code mount(2)} accepts. */
  public boolean fitsInOnePage() {
    return mountData().getBytes(UTF_8).length <= MAX_MOUNT_DATA;
  }
}
