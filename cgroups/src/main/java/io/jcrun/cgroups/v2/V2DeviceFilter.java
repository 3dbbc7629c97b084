package io.jcrun.cgroups.v2;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.devices.DeviceFilterProgram;
import io.jcrun.cgroups.devices.DevicePolicy;
import io.jcrun.linux.Errno;
import io.jcrun.linux.Fd;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import java.nio.file.Path;

/**
 * Device rules on cgroup v2: the policy compiled to a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program
 * (needs kernel 4.15+), loaded and attached to the cgroup with {@code BPF_F_ALLOW_MULTI}; then
 * the programs that were attached before are detached. The new program is in place before the old
 * ones go, and with several attached every one must allow, so there is never a moment without a
 * filter (runc's {@code loadAttachCgroupDeviceFilter}).
 */
final class V2DeviceFilter {
  static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
  static final int BPF_CGROUP_DEVICE = 6;
  static final int BPF_F_ALLOW_MULTI = 2;
  /** No helper is called, so the license only gates GPL-only helpers; crun uses "GPL" too. */
  static final String LICENSE = "GPL";

  private final Syscalls syscalls;

  V2DeviceFilter(Syscalls syscalls) {
    this.syscalls = syscalls;
  }

  void apply(Path dir, DevicePolicy policy) throws CgroupException {
    byte[] program = DeviceFilterProgram.generate(policy).bytes();
    try (Fd cgroup = syscalls.openat(Fd.CWD, dir.toString(),
        OpenFlags.O_DIRECTORY | OpenFlags.O_RDONLY, 0)) {
      int[] old = syscalls.bpfProgQuery(cgroup, BPF_CGROUP_DEVICE);
      try (Fd loaded = syscalls.bpfProgLoad(BPF_PROG_TYPE_CGROUP_DEVICE, program, LICENSE,
          BPF_CGROUP_DEVICE)) {
        syscalls.bpfProgAttach(loaded, cgroup, BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI);
      }
      for (int id : old) {
        detach(cgroup, id);
      }
    } catch (SyscallException e) {
      throw new CgroupException("apply device rules to " + dir + ": " + e.getMessage(), e);
    }
  }

  private void detach(Fd cgroup, int id) throws SyscallException {
    Fd program;
    try {
      program = syscalls.bpfProgGetFdById(id);
    } catch (SyscallException e) {
      // Gone meanwhile, or guarded by an LSM (runc skips those too): another program can only
      // add restrictions, so leaving it is safe.
      if (e.is(Errno.ENOENT) || e.is(Errno.EPERM) || e.is(Errno.EACCES)) {
        return;
      }
      throw e;
    }
    try (program) {
      syscalls.bpfProgDetach(program, cgroup, BPF_CGROUP_DEVICE);
    }
  }
}
