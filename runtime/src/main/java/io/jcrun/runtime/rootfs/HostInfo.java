package io.jcrun.runtime.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Facts about the host that shape a container's setup program, read once so the compiler
 * stays pure: the last capability the kernel knows, the mounts (for the rootfs's parent mount
 * and the cgroup hierarchies), and whether a host path is a directory.
 */
public record HostInfo(int capLastCap, boolean hasProcKcore, List<MountPoint> mounts,
    Predicate<String> isDirectory) {

  /** One line of mountinfo: where, what filesystem, and its superblock options. */
  public record MountPoint(String path, String fsType, String superOptions) {}

  public HostInfo {
    mounts = List.copyOf(mounts);
  }

  /** Reads the facts from the running host through {@code procRoot} (normally {@code /proc}). */
  public static HostInfo probe(Path procRoot) throws IOException {
    int last;
    // Not Files.readString: it reads a size-0 file one byte first, and a sysctl file answers a
    // read at offset 1 with EOF, so "40" would come back as "4".
    try (InputStream in = Files.newInputStream(procRoot.resolve("sys/kernel/cap_last_cap"))) {
      last = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    }
    List<MountPoint> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(procRoot.resolve("self/mountinfo"))) {
      mounts.add(parseMountinfo(line));
    }
    return new HostInfo(last, Files.exists(procRoot.resolve("kcore")), mounts,
        p -> Files.isDirectory(Path.of(p)));
  }

  /** Parses one mountinfo line (proc(5)): the mount point is field 5, then after "-" the type and options. */
  static MountPoint parseMountinfo(String line) {
    String[] f = line.split(" ");
    int dash = 6;
    while (dash < f.length && !f[dash].equals("-")) {
      dash++;
    }
    return new MountPoint(unescape(f[4]), f[dash + 1], f.length > dash + 3 ? f[dash + 3] : "");
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The mount point that holds {@code path}: the longest mount path that is a prefix of it. */
  public String mountPointOf(Path path) {
    String best = "/";
    String p = path.toString();
    for (MountPoint m : mounts) {
      String mp = m.path();
      if ((p.equals(mp) || p.startsWith(mp.endsWith("/") ? mp : mp + "/"))
          && mp.length() > best.length()) {
        best = mp;
      }
    }
    return best;
  }

  /** The host's cgroup hierarchies under /sys/fs/cgroup, in mountinfo order. */
  public List<MountPoint> cgroupMounts() {
    return mounts.stream()
        .filter(m -> m.fsType().equals("cgroup") || m.fsType().equals("cgroup2"))
        .filter(m -> m.path().startsWith("/sys/fs/cgroup"))
        .toList();
  }
}
