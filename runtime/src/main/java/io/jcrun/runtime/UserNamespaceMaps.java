package io.jcrun.runtime;

import io.jcrun.namespaces.IdMapWriter;
import io.jcrun.namespaces.IdMapping;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a new user namespace's id maps. As root, directly. Unprivileged, the kernel lets a
 * process map only its own uid and gid, and only once setgroups is denied; wider ranges need
 * the setuid helpers newuidmap and newgidmap (Debian's uidmap), which check /etc/subuid and
 * /etc/subgid, as runc does.
 */
final class UserNamespaceMaps {
  private final Path procRoot;
  private final int euid;
  private final int egid;

  UserNamespaceMaps(Path procRoot, int euid, int egid) {
    this.procRoot = procRoot;
    this.euid = euid;
    this.egid = egid;
  }

  /** Whether the container may call setgroups(2) once the maps are written this way. */
  boolean setgroupsAllowed(List<IdMapping> uids, List<IdMapping> gids) {
    return euid == 0 || !ownIdsOnly(uids, gids);
  }

  private boolean ownIdsOnly(List<IdMapping> uids, List<IdMapping> gids) {
    return uids.size() == 1 && gids.size() == 1 && uids.getFirst().size() == 1
        && gids.getFirst().size() == 1 && uids.getFirst().hostId() == Integer.toUnsignedLong(euid)
        && gids.getFirst().hostId() == Integer.toUnsignedLong(egid);
  }

  void write(int pid, List<IdMapping> uids, List<IdMapping> gids) throws JcrunException {
    try {
      if (euid == 0 || ownIdsOnly(uids, gids)) {
        new IdMapWriter(procRoot).write(pid, uids, gids, euid == 0);
        return;
      }
      helper("newuidmap", pid, uids);
      helper("newgidmap", pid, gids);
    } catch (IOException e) {
      throw new JcrunException("write the id maps of pid " + pid + ": " + e.getMessage(), e);
    }
  }

  private static void helper(String tool, int pid, List<IdMapping> mappings)
      throws JcrunException, IOException {
    List<String> cmd = new ArrayList<>(List.of(tool, Integer.toString(pid)));
    for (IdMapping m : mappings) {
      cmd.add(Long.toString(m.containerId()));
      cmd.add(Long.toString(m.hostId()));
      cmd.add(Long.toString(m.size()));
    }
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new JcrunException(tool + " is needed to map id ranges without root: install the"
          + " uidmap package (" + e.getMessage() + ")", e);
    }
    String out = new String(p.getInputStream().readAllBytes()).strip();
    try {
      if (p.waitFor() != 0) {
        throw new JcrunException(String.join(" ", cmd) + ": " + out
            + " (the ranges must be yours in /etc/subuid and /etc/subgid)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JcrunException(tool + ": interrupted", e);
    }
  }
}
