package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.linux.Errno;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The controllers of a cgroup v2 hierarchy: which ones a cgroup may use ({@code
 * cgroup.controllers}), enabling them for the children of every ancestor ({@code
 * cgroup.subtree_control}, the kernel's top-down delegation), and writing controller files with a
 * hint when the controller is not enabled.
 */
final class V2Controllers {
  private final CgroupFiles files;

  V2Controllers(CgroupFiles files) {
    this.files = files;
  }

  /** The controllers {@code dir} may use. */
  Set<String> available(Path dir) throws CgroupException {
    return words(files.readIfExists(dir.resolve("cgroup.controllers")).orElse(""));
  }

  /** The controllers enabled for the children of {@code dir}. */
  Set<String> enabledForChildren(Path dir) throws CgroupException {
    return words(files.readIfExists(dir.resolve("cgroup.subtree_control")).orElse(""));
  }

  /**
   * Enables {@code wanted} (as far as each level offers them) in the {@code
   * cgroup.subtree_control} of every cgroup from {@code mount} down to the parent of {@code dir}.
   * As runc, all at once and else one by one, ignoring refusals: a controller that stays
   * unavailable shows up as a clear error when one of its files is written.
   */
  void enable(Path mount, Path dir, Set<String> wanted) throws CgroupException {
    if (wanted.isEmpty()) {
      return;
    }
    List<Path> ancestors = new ArrayList<>();
    for (Path p = dir.getParent(); p != null && p.startsWith(mount); p = p.getParent()) {
      ancestors.addFirst(p);
    }
    for (Path ancestor : ancestors) {
      Set<String> missing = new LinkedHashSet<>(wanted);
      missing.retainAll(available(ancestor));
      missing.removeAll(enabledForChildren(ancestor));
      if (missing.isEmpty()) {
        continue;
      }
      Path control = ancestor.resolve("cgroup.subtree_control");
      List<String> plus = missing.stream().map(c -> "+" + c).toList();
      try {
        files.write(control, String.join(" ", plus));
      } catch (CgroupException all) {
        for (String one : plus) {
          try {
            files.write(control, one);
          } catch (CgroupException refused) {
            // Left for the write of the controller's files to report, with a hint.
          }
        }
      }
    }
  }

  /**
   * Writes {@code value} to {@code file} of {@code controller} in {@code dir}; a missing file
   * because the controller is not enabled says so.
   */
  void write(Path dir, String controller, String file, String value) throws CgroupException {
    try {
      files.write(dir.resolve(file), value);
    } catch (CgroupException e) {
      Path parent = dir.getParent();
      if ((e.is(Errno.ENOENT) || e.is(Errno.EACCES)) && parent != null
          && !controller.equals("cgroup") && !enabledForChildren(parent).contains(controller)) {
        throw new CgroupException(e.getMessage() + " (cgroup v2 controller \"" + controller
            + "\" is not enabled in " + parent.resolve("cgroup.subtree_control") + ")",
            e.errno().orElse(null), e);
      }
      throw e;
    }
  }

  private static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
    out.remove("");
    return out;
  }
}
