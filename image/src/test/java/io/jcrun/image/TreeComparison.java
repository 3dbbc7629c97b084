package io.jcrun.image;

import io.jcrun.linux.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two directory trees as a container would see them: for every path its type, mode
 * (with setuid, setgid, sticky), owner, size and content of regular files, symlink target, device
 * numbers and the values of chosen xattrs. Times and link counts are not compared.
 */
public final class TreeComparison {
  private TreeComparison() {}

  /** One line per path describing it; equal maps mean equal trees. */
  public static Map<String, String> describe(Path root, Syscalls syscalls, List<String> xattrs)
      throws IOException {
    Map<String, String> out = new TreeMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        out.put(name(root, dir), entry(dir, syscalls, xattrs));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        out.put(name(root, file), entry(file, syscalls, xattrs));
        return FileVisitResult.CONTINUE;
      }
    });
    return out;
  }

  /** The differences, one line each, empty when the trees are the same. */
  public static List<String> differences(Path expected, Path actual, Syscalls syscalls,
      List<String> xattrs) throws IOException {
    Map<String, String> a = describe(expected, syscalls, xattrs);
    Map<String, String> b = describe(actual, syscalls, xattrs);
    List<String> out = new ArrayList<>();
    for (var e : a.entrySet()) {
      String other = b.get(e.getKey());
      if (other == null) {
        out.add("missing " + e.getKey() + ": " + e.getValue());
      } else if (!other.equals(e.getValue())) {
        out.add("differs " + e.getKey() + ": expected " + e.getValue() + ", got " + other);
      }
    }
    for (var e : b.entrySet()) {
      if (!a.containsKey(e.getKey())) {
        out.add("extra " + e.getKey() + ": " + e.getValue());
      }
    }
    return out;
  }

  private static String name(Path root, Path p) {
    String rel = root.relativize(p).toString();
    return rel.isEmpty() ? "/" : "/" + rel;
  }

  private static String entry(Path p, Syscalls syscalls, List<String> xattrs) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,rdev",
        LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    StringBuilder sb = new StringBuilder();
    int type = mode & 0170000;
    switch (type) {
      case 0040000 -> sb.append("dir");
      case 0100000 -> sb.append("file size=").append(a.get("size")).append(" sha256=")
          .append(sha256(p));
      case 0120000 -> sb.append("symlink -> ").append(Files.readSymbolicLink(p));
      case 0020000, 0060000 -> {
        long rdev = (Long) a.get("rdev");
        sb.append(type == 0020000 ? "char " : "block ").append((rdev >> 8) & 0xfff).append(':')
            .append((rdev & 0xff) | ((rdev >> 12) & 0xfff00));
      }
      case 0010000 -> sb.append("fifo");
      default -> sb.append("type=0").append(Integer.toOctalString(type));
    }
    if (type != 0120000) {
      sb.append(" mode=0").append(Integer.toOctalString(mode & 07777));
    }
    sb.append(" owner=").append(a.get("uid")).append(':').append(a.get("gid"));
    for (String x : xattrs) {
      byte[] v;
      try {
        v = syscalls.lgetxattr(p.toString(), x);
      } catch (io.jcrun.linux.SyscallException e) {
        v = null; // e.g. user.* on a symlink: the kernel has none to give
      }
      if (v != null) {
        sb.append(' ').append(x).append('=').append(HexFormat.of().formatHex(v));
      }
    }
    return sb.toString();
  }

  private static String sha256(Path p) throws IOException {
    MessageDigest md = Digest.newMessageDigest("sha256");
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }
}
