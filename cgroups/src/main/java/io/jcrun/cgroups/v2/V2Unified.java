package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code unified} map: each cgroup v2 file written verbatim, one write per line of the value
 * (files like {@code io.max} take one entry per write), after the typed resources so it can
 * override them, as runc does.
 */
final class V2Unified {
  private final V2Controllers controllers;

  V2Unified(V2Controllers controllers) {
    this.controllers = controllers;
  }

  void apply(Path dir, Map<String, String> unified) throws CgroupException {
    for (Map.Entry<String, String> e : unified.entrySet()) {
      String file = e.getKey();
      int dot = file.indexOf('.');
      if (file.contains("/") || dot <= 0 || file.startsWith(".")) {
        throw new CgroupException("write unified resource \"" + file + "\" to " + dir
            + ": not a cgroup v2 file name of the form <controller>.<file>");
      }
      String controller = file.substring(0, dot);
      for (String line : e.getValue().split("\n")) {
        if (!line.isEmpty() || e.getValue().isEmpty()) {
          controllers.write(dir, controller, file, line);
        }
      }
    }
  }
}
