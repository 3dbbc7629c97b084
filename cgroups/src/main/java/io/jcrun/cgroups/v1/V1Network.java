package io.jcrun.cgroups.v1;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.CgroupFiles;
import io.jcrun.cgroups.CgroupResources.InterfacePriority;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** {@code network}: the net_cls {@code net_cls.classid} and net_prio {@code net_prio.ifpriomap}. */
final class V1Network {
  private final CgroupFiles files;

  V1Network(CgroupFiles files) {
    this.files = files;
  }

  void applyClassId(Path dir, OptionalLong classId) throws CgroupException {
    if (classId.isPresent()) {
      files.write(dir.resolve("net_cls.classid"), Long.toUnsignedString(classId.getAsLong()));
    }
  }

  void applyPriorities(Path dir, List<InterfacePriority> priorities) throws CgroupException {
    for (InterfacePriority p : priorities) {
      files.write(dir.resolve("net_prio.ifpriomap"), p.name() + " " + p.priority());
    }
  }
}
