package io.jcrun.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Facts about the host the integration tests check from outside the container. */
final class Host {
  private Host() {}

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static String mountinfo() throws IOException {
    return Files.readString(Path.of("/proc/self/mountinfo"));
  }

  /** The mount points of the host's mount namespace. */
  static List<String> mountPoints() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      out.add(line.split(" ")[4]);
    }
    return out;
  }

  /** Pids of processes whose command line contains {@code marker}. */
  static List<Long> processesWith(String marker) throws IOException {
    List<Long> out = new ArrayList<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path d : dirs.toList()) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmd = new String(Files.readAllBytes(d.resolve("cmdline"))).replace('\0', ' ');
          if (cmd.contains(marker) && Long.parseLong(name) != ProcessHandle.current().pid()) {
            out.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // The process exited while we looked: not a leftover.
          continue;
        }
      }
    }
    return out;
  }

  static String namespace(long pid, String type) throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + type)).toString();
  }
}
