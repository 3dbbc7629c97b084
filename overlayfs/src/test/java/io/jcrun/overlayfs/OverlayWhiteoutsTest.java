package io.jcrun.overlayfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcrun.linux.FakeSyscalls;
import io.jcrun.linux.Fd;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallCall.Mknodat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayWhiteoutsTest {
  private final FakeSyscalls syscalls = new FakeSyscalls();

  @Test
  void whiteoutIsACharacterDeviceZeroZero() throws Exception {
    new OverlayWhiteouts(syscalls, false).createWhiteout(new Fd(7, null), "gone");

    assertEquals(List.of(new Mknodat(7, "gone", OpenFlags.S_IFCHR, 0, 0)), syscalls.calls());
  }

  @Test
  void opaqueUsesTrustedOrUserNamespace() throws Exception {
    new OverlayWhiteouts(syscalls, false).markOpaque("/proc/self/fd/7/.");
    new OverlayWhiteouts(syscalls, true).markOpaque("/proc/self/fd/8/.");

    assertArrayEquals(new byte[] {'y'},
        syscalls.xattrs.get("/proc/self/fd/7/.\0trusted.overlay.opaque"));
    assertArrayEquals(new byte[] {'y'},
        syscalls.xattrs.get("/proc/self/fd/8/.\0user.overlay.opaque"));
  }
}
