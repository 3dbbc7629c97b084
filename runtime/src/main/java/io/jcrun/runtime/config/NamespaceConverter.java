package io.jcrun.runtime.config;

import io.jcrun.linux.NamespaceType;
import io.jcrun.namespaces.IdMapping;
import io.jcrun.namespaces.NamespaceAction;
import io.jcrun.namespaces.NamespacePlan;
import io.jcrun.spec.Linux;
import io.jcrun.spec.LinuxIdMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Converts {@code linux.namespaces} and the id mappings. */
final class NamespaceConverter {
  private static final List<String> TYPES =
      Arrays.stream(NamespaceType.values()).map(NamespaceType::ociName).toList();

  private NamespaceConverter() {}

  static NamespacePlan plan(List<Linux.Namespace> namespaces) throws InvalidConfigException {
    List<NamespaceAction> actions = new ArrayList<>();
    Set<NamespaceType> seen = EnumSet.noneOf(NamespaceType.class);
    if (namespaces == null) {
      return NamespacePlan.none();
    }
    for (int i = 0; i < namespaces.size(); i++) {
      Linux.Namespace n = namespaces.get(i);
      String path = "linux.namespaces[" + i + "]";
      NamespaceType type = n == null || n.type() == null ? null : NamespaceType.fromOciName(n.type());
      if (type == null) {
        throw InvalidConfigException.notOneOf(path + ".type", n == null ? null : n.type(), TYPES);
      }
      if (!seen.add(type)) {
        throw new InvalidConfigException(path, "duplicate namespace \"" + type.ociName() + "\"");
      }
      if (n.path() == null || n.path().isEmpty()) {
        actions.add(new NamespaceAction.Create(type));
      } else if (!n.path().startsWith("/")) {
        throw new InvalidConfigException(path + ".path", "\"" + n.path() + "\" is not an absolute path");
      } else {
        actions.add(new NamespaceAction.Join(type, n.path()));
      }
    }
    return new NamespacePlan(actions);
  }

  static List<IdMapping> mappings(List<LinuxIdMapping> list, String path)
      throws InvalidConfigException {
    List<IdMapping> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    if (list.size() > 340) {
      throw new InvalidConfigException(path, "more than 340 mappings (the kernel's limit)");
    }
    for (int i = 0; i < list.size(); i++) {
      LinuxIdMapping m = list.get(i);
      String p = path + "[" + i + "]";
      if (m == null || m.containerId() == null || m.hostId() == null || m.size() == null) {
        throw new InvalidConfigException(p, "containerID, hostID and size are required");
      }
      try {
        out.add(new IdMapping(m.containerId(), m.hostId(), m.size()));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(p, "containerID " + m.containerId() + ", hostID "
            + m.hostId() + ", size " + m.size() + " do not fit in 32-bit ids");
      }
    }
    return out;
  }
}
