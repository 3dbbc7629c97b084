package io.jcrun.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.linux.SyscallCall.Mount;
import io.jcrun.linux.SyscallCall.Sethostname;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSyscallsTest {
  private final FakeSyscalls syscalls = new FakeSyscalls();

  @Test
  void recordsCallsInOrderIncludingFailedOnes() throws Exception {
    syscalls.failWhen(c -> c instanceof Mount, Errno.EPERM);
    syscalls.sethostname("a");
    SyscallException e = assertThrows(SyscallException.class,
        () -> syscalls.mount("proc", "/proc", "proc", MountFlags.NONE, null));
    assertTrue(e.is(Errno.EPERM));
    assertEquals("Mount[source=proc, target=/proc, fstype=proc, flags=0, data=null]: "
        + "EPERM (Operation not permitted)", e.getMessage());
    assertEquals(List.of(new Sethostname("a"), new Mount("proc", "/proc", "proc", MountFlags.NONE,
        null)), syscalls.calls());
  }

  @Test
  void closingAnFdTwiceClosesItOnce() throws Exception {
    Fd fd = syscalls.openat(Fd.CWD, "x", 0, 0);
    fd.close();
    fd.close();
    assertEquals(1, syscalls.calls(SyscallCall.Close.class).size());
  }
}
