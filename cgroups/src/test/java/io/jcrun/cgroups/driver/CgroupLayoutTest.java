package io.jcrun.cgroups.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.cgroups.CgroupException;
import io.jcrun.cgroups.driver.CgroupLayout.Kind;
import io.jcrun.linux.Errno;
import io.jcrun.linux.FakeSyscalls;
import io.jcrun.linux.SyscallCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layout detection from statfs results only (FakeSyscalls.filesystemTypes). */
class CgroupLayoutTest {
  static final Path ROOT = Path.of("/sys/fs/cgroup");
  final FakeSyscalls syscalls = new FakeSyscalls();

  void mount(String path, long type) {
    syscalls.filesystemTypes.put(path, type);
  }

  @Test
  void aCgroup2RootIsUnified() throws Exception {
    mount("/sys/fs/cgroup", CgroupLayout.CGROUP2_SUPER_MAGIC);
    assertEquals(new CgroupLayout(Kind.V2, ROOT, Set.of(), Optional.of(ROOT)),
        CgroupLayout.detect(ROOT, syscalls));
    assertEquals(List.of(new SyscallCall.StatfsType("/sys/fs/cgroup")), syscalls.calls());
  }

  @Test
  void aTmpfsOfV1MountsWithACgroup2UnifiedIsHybrid() throws Exception {
    mount("/sys/fs/cgroup", CgroupLayout.TMPFS_MAGIC);
    for (String c : List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio",
        "pids")) {
      mount("/sys/fs/cgroup/" + c, CgroupLayout.CGROUP_SUPER_MAGIC);
    }
    mount("/sys/fs/cgroup/unified", CgroupLayout.CGROUP2_SUPER_MAGIC);
    CgroupLayout layout = CgroupLayout.detect(ROOT, syscalls);
    assertEquals(Kind.HYBRID, layout.kind());
    assertEquals(List.of("cpuset", "devices", "memory", "cpu", "cpuacct", "pids", "blkio",
        "freezer"), List.copyOf(layout.v1Controllers()));
    assertEquals(Optional.of(ROOT.resolve("unified")), layout.unifiedMount());
  }

  @Test
  void aTmpfsOfV1MountsAloneIsV1() throws Exception {
    mount("/sys/fs/cgroup", CgroupLayout.TMPFS_MAGIC);
    mount("/sys/fs/cgroup/memory", CgroupLayout.CGROUP_SUPER_MAGIC);
    mount("/sys/fs/cgroup/unified", CgroupLayout.TMPFS_MAGIC);
    CgroupLayout layout = CgroupLayout.detect(ROOT, syscalls);
    assertEquals(new CgroupLayout(Kind.V1, ROOT, Set.of("memory"), Optional.empty()), layout);
  }

  @Test
  void aMissingUnifiedDirectoryIsNotAnError() throws Exception {
    mount("/sys/fs/cgroup", CgroupLayout.TMPFS_MAGIC);
    mount("/sys/fs/cgroup/pids", CgroupLayout.CGROUP_SUPER_MAGIC);
    syscalls.failWhen(c -> c.equals(new SyscallCall.StatfsType("/sys/fs/cgroup/unified")),
        Errno.ENOENT);
    assertEquals(Kind.V1, CgroupLayout.detect(ROOT, syscalls).kind());
  }

  @Test
  void anythingElseIsRefused() {
    mount("/sys/fs/cgroup", 0xEF53);
    CgroupException e = assertThrows(CgroupException.class,
        () -> CgroupLayout.detect(ROOT, syscalls));
    assertEquals("detect the cgroup layout at /sys/fs/cgroup: it is neither a cgroup2 mount nor a"
        + " tmpfs of cgroup v1 mounts (filesystem type 0xef53)", e.getMessage());
  }

  @Test
  void aTmpfsWithoutControllersIsRefused() {
    mount("/sys/fs/cgroup", CgroupLayout.TMPFS_MAGIC);
    CgroupException e = assertThrows(CgroupException.class,
        () -> CgroupLayout.detect(ROOT, syscalls));
    assertEquals("detect the cgroup layout at /sys/fs/cgroup: no cgroup v1 controller is mounted"
        + " there", e.getMessage());
  }

  @Test
  void aMissingRootIsRefusedWithTheSyscall() {
    syscalls.failWhen(c -> true, Errno.ENOENT);
    CgroupException e = assertThrows(CgroupException.class,
        () -> CgroupLayout.detect(ROOT, syscalls));
    assertEquals("detect the cgroup layout at /sys/fs/cgroup: StatfsType[path=/sys/fs/cgroup]:"
        + " ENOENT (No such file or directory)", e.getMessage());
    assertEquals(Errno.ENOENT, e.errno().orElseThrow());
  }
}
