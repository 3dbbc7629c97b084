package io.jcrun.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a store root with its type and content digest, to prove nothing changed. */
final class StoreSnapshot {
  private StoreSnapshot() {}

  static Map<String, String> of(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String kind;
        if (Files.isSymbolicLink(p)) {
          kind = "link " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          kind = "dir";
        } else {
          kind = Digest.sha256(Files.readAllBytes(p)).toString();
        }
        out.put(root.relativize(p).toString(), kind);
      }
    }
    return out;
  }
}
