package io.jcrun.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.linux.Errno;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupExceptionTest {

  @Test
  void recoversTheErrnoFromTheJdksText() {
    CgroupException busy = CgroupException.of("write \"max\" to /sys/fs/cgroup/jcrun/abc/pids.max",
        new IOException("Device or resource busy"));
    assertEquals("write \"max\" to /sys/fs/cgroup/jcrun/abc/pids.max: Device or resource busy",
        busy.getMessage());
    assertTrue(busy.is(Errno.EBUSY));
    assertTrue(CgroupException.of("rmdir /x",
        new FileSystemException("/x", null, "Device or resource busy")).is(Errno.EBUSY));
    assertTrue(CgroupException.of("read /x", new NoSuchFileException("/x")).is(Errno.ENOENT));
    assertTrue(CgroupException.of("rmdir /x", new DirectoryNotEmptyException("/x"))
        .is(Errno.ENOTEMPTY));
  }

  @Test
  void keepsAnUnknownTextAsItIs() {
    CgroupException e = CgroupException.of("read /x", new IOException("something odd"));
    assertEquals("read /x: something odd", e.getMessage());
    assertEquals(Optional.empty(), e.errno());
  }

  @Test
  void theHostFilesReportMissingFilesWithTheirPath(@TempDir Path dir) {
    CgroupException e = org.junit.jupiter.api.Assertions.assertThrows(CgroupException.class,
        () -> CgroupFiles.host().write(dir.resolve("pids.max"), "max"));
    assertEquals("write \"max\" to " + dir.resolve("pids.max") + ": No such file or directory",
        e.getMessage());
    assertTrue(e.is(Errno.ENOENT));
  }
}
