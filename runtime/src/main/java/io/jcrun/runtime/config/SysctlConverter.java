package io.jcrun.runtime.config;

import io.jcrun.linux.NamespaceType;
import io.jcrun.namespaces.NamespacePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code linux.sysctl}: only keys that belong to a namespace the container has of its
 * own may be written, as runc allows, so a container can never change a host-wide setting.
 */
final class SysctlConverter {
  private static final List<String> IPC_KEYS = List.of("kernel.msgmax", "kernel.msgmnb",
      "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
      "kernel.shm_rmid_forced");

  private SysctlConverter() {}

  static Map<String, String> convert(Map<String, String> sysctl, NamespacePlan ns)
      throws InvalidConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    if (sysctl == null) {
      return out;
    }
    for (Map.Entry<String, String> e : sysctl.entrySet()) {
      String key = e.getKey().replace('/', '.');
      String path = "linux.sysctl[\"" + e.getKey() + "\"]";
      if (key.contains("..") || key.startsWith(".") || key.isEmpty()) {
        throw new InvalidConfigException(path, "not a sysctl name");
      }
      NamespaceType needed;
      if (IPC_KEYS.contains(key) || key.startsWith("fs.mqueue.")) {
        needed = NamespaceType.IPC;
      } else if (key.startsWith("net.")) {
        needed = NamespaceType.NETWORK;
      } else if (key.equals("kernel.hostname") || key.equals("kernel.domainname")) {
        needed = NamespaceType.UTS;
      } else {
        throw new InvalidConfigException(path, "not in a namespace of the container's own;"
            + " only ipc (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*), net.* and uts"
            + " (kernel.hostname, kernel.domainname) sysctls can be set");
      }
      if (!ns.has(needed)) {
        throw new InvalidConfigException(path, "requires a " + needed.ociName()
            + " namespace in linux.namespaces");
      }
      if (e.getValue() == null) {
        throw new InvalidConfigException(path, "must be a string");
      }
      out.put(key, e.getValue());
    }
    return out;
  }
}
