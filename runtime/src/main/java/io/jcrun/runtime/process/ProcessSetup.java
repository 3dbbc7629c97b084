package io.jcrun.runtime.process;

import static io.jcrun.linux.OpenFlags.O_DIRECTORY;
import static io.jcrun.linux.OpenFlags.O_PATH;

import io.jcrun.linux.Capability;
import io.jcrun.linux.ContainerSyscalls;
import io.jcrun.linux.Fd;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.Prctl;
import io.jcrun.linux.SyscallException;
import io.jcrun.runtime.config.CapabilitySets;
import io.jcrun.runtime.config.ProcessConfig;
import io.jcrun.runtime.rootfs.RootfsSetup;
import io.jcrun.runtime.seccomp.CompiledFilter;
import java.util.Optional;

/**
 * The last steps before execve, in the order the kernel's credential rules force (runc's
 * finalizeNamespace): the bounding set is dropped while CAP_SETPCAP is still effective; the
 * uid changes with PR_SET_KEEPCAPS so the permitted set survives; then the capability sets,
 * the ambient set (which needs permitted and inheritable), no_new_privs, umask, cwd, exec.
 */
public final class ProcessSetup {
  private final ContainerSyscalls sys;
  private final RootfsSetup.SourceTracker source;

  public ProcessSetup(ContainerSyscalls sys, RootfsSetup.SourceTracker source) {
    this.sys = sys;
    this.source = source;
  }

  /**
   * @param root an fd of the container's root, to resolve the cwd inside it
   * @param setgroupsAllowed false in a user namespace whose setgroups is denied
   * @param capLastCap the highest capability number the kernel knows
   * @param seccomp the filter to load, if any: without no_new_privs loading it is privileged, so
   *     it goes in before capabilities are dropped; with it, as late as possible, right before
   *     exec (runc's placement)
   */
  public void finish(ProcessConfig p, Fd root, boolean setgroupsAllowed, int capLastCap,
      Optional<CompiledFilter> seccomp) throws SyscallException {
    Optional<CapabilitySets> caps = p.capabilities();
    source.source("process.cwd");
    // Created and opened while still root; entered only after the uid change, so the user's
    // own permissions decide whether it can be entered.
    Fd cwd = sys.openInRoot(root, p.cwd(), O_PATH | O_DIRECTORY, InRootCreate.DIRECTORY);
    root.close();
    if (seccomp.isPresent() && !p.noNewPrivileges()) {
      source.source("linux.seccomp");
      sys.seccompLoad(seccomp.get().program(), seccomp.get().flags());
    }
    if (caps.isPresent()) {
      source.source("process.capabilities.bounding");
      for (Capability c : Capability.values()) {
        if (c.number() <= capLastCap && !CapabilitySets.has(caps.get().bounding(), c)) {
          sys.capBoundingDrop(c);
        }
      }
    }
    source.source("process.user");
    sys.prctl(Prctl.PR_SET_KEEPCAPS, 1);
    if (setgroupsAllowed) {
      sys.setgroups(p.additionalGids().stream().mapToInt(Integer::intValue).toArray());
    }
    sys.setresgid(p.gid(), p.gid(), p.gid());
    sys.setresuid(p.uid(), p.uid(), p.uid());
    sys.prctl(Prctl.PR_SET_KEEPCAPS, 0);
    if (caps.isPresent()) {
      CapabilitySets c = caps.get();
      source.source("process.capabilities");
      sys.capset(c.effective(), c.permitted(), c.inheritable());
      for (Capability cap : Capability.values()) {
        if (CapabilitySets.has(c.ambient(), cap)) {
          source.source("process.capabilities.ambient");
          sys.capAmbientRaise(cap);
        }
      }
    }
    if (p.noNewPrivileges()) {
      source.source("process.noNewPrivileges");
      sys.prctl(Prctl.PR_SET_NO_NEW_PRIVS, 1);
    }
    source.source("process.user.umask");
    sys.umask(p.umask().orElse(0022));
    source.source("process.cwd");
    sys.fchdir(cwd);
    cwd.close();
    if (seccomp.isPresent() && p.noNewPrivileges()) {
      source.source("linux.seccomp");
      sys.seccompLoad(seccomp.get().program(), seccomp.get().flags());
    }
    source.source("process.args");
    sys.execve(p.args().getFirst(), p.args(), p.env(), p.searchPath());
  }
}
