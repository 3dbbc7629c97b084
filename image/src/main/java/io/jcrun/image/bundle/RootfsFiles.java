package io.jcrun.image.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.Errno;
import io.jcrun.linux.Fd;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads small files of a rootfs, such as {@code /etc/passwd}, resolved inside the rootfs ({@code
 * openat2(RESOLVE_IN_ROOT)}): an image's symlink cannot point the read at the host's files.
 */
final class RootfsFiles {
  private static final int MAX = 4 << 20;

  private RootfsFiles() {}

  static Optional<String> read(Syscalls syscalls, Path rootfs, String path) throws ImageException {
    try (Fd root = syscalls.openat(Fd.CWD, rootfs.toString(),
        OpenFlags.O_PATH | OpenFlags.O_DIRECTORY, 0)) {
      Fd file;
      try {
        file = syscalls.openInRoot(root, ContainerPath.of(path), OpenFlags.O_RDONLY,
            InRootCreate.NONE);
      } catch (SyscallException e) {
        if (e.is(Errno.ENOENT) || e.is(Errno.ENOTDIR)) {
          return Optional.empty();
        }
        throw e;
      }
      try (file; InputStream in = Files.newInputStream(Path.of("/proc/self/fd/" + file.number()))) {
        byte[] data = in.readNBytes(MAX + 1);
        if (data.length > MAX) {
          throw new ImageException("read " + path + " in " + rootfs + ": larger than " + MAX
              + " bytes");
        }
        return Optional.of(new String(data, UTF_8));
      }
    } catch (SyscallException e) {
      throw new ImageException("read " + path + " in " + rootfs + ": " + e.getMessage(), e);
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException("read " + path + " in " + rootfs + ": " + IoFailure.describe(e), e);
    }
  }
}
