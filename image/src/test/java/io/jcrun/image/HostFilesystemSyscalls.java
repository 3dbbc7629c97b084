package io.jcrun.image;

import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.Fd;
import io.jcrun.linux.FakeSyscalls;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.LinuxSyscalls;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link FakeSyscalls} whose unprivileged file calls really run on the host filesystem (so tests
 * can look at what an applier wrote under a {@code @TempDir}), while the privileged ones are only
 * recorded: {@code fchownat}, {@code lsetxattr} (recorded by real path), and {@code mknodat} of a
 * device, which leaves an empty regular file as a stand-in. Needs no root.
 */
public class HostFilesystemSyscalls extends FakeSyscalls {
  private final LinuxSyscalls real = LinuxSyscalls.load();

  @Override
  public Fd openat(Fd dir, String path, int flags, int mode) throws SyscallException {
    super.openat(dir, path, flags, mode);
    return real.openat(dir, path, flags, mode);
  }

  @Override
  public Fd openInRoot(Fd root, ContainerPath path, int flags, InRootCreate create)
      throws SyscallException {
    super.openInRoot(root, path, flags, create);
    return real.openInRoot(root, path, flags, create);
  }

  @Override
  public void mkdirat(Fd dir, String path, int mode) throws SyscallException {
    super.mkdirat(dir, path, mode);
    real.mkdirat(dir, path, mode);
  }

  @Override
  public void symlinkat(String target, Fd dir, String linkPath) throws SyscallException {
    super.symlinkat(target, dir, linkPath);
    real.symlinkat(target, dir, linkPath);
  }

  @Override
  public void linkat(Fd oldDir, String oldPath, Fd newDir, String newPath)
      throws SyscallException {
    super.linkat(oldDir, oldPath, newDir, newPath);
    real.linkat(oldDir, oldPath, newDir, newPath);
  }

  @Override
  public void mkfifoat(Fd dir, String path, int mode) throws SyscallException {
    super.mkfifoat(dir, path, mode);
    real.mkfifoat(dir, path, mode);
  }

  @Override
  public void mknodat(Fd dir, String path, int mode, int major, int minor)
      throws SyscallException {
    super.mknodat(dir, path, mode, major, minor);
    real.mknodat(dir, path, OpenFlags.S_IFREG | (mode & 07777), 0, 0);
  }

  @Override
  public void fchmodat(Fd dir, String path, int mode) throws SyscallException {
    super.fchmodat(dir, path, mode);
    real.fchmodat(dir, path, mode);
  }

  @Override
  public void utimensat(Fd dir, String path, long atimeNanos, long mtimeNanos, int flags)
      throws SyscallException {
    super.utimensat(dir, path, atimeNanos, mtimeNanos, flags);
    real.utimensat(dir, path, atimeNanos, mtimeNanos, flags);
  }

  @Override
  public void lsetxattr(String path, String name, byte[] value) throws SyscallException {
    super.lsetxattr(hostPath(path), name, value);
  }

  @Override
  public byte[] lgetxattr(String path, String name) throws SyscallException {
    return super.lgetxattr(hostPath(path), name);
  }

  /** {@code /proc/self/fd/N/name} as the host path it names, so tests can assert on it. */
  public static String hostPath(String path) {
    if (!path.startsWith("/proc/self/fd/")) {
      return path;
    }
    String rest = path.substring("/proc/self/fd/".length());
    int slash = rest.indexOf('/');
    String fd = slash < 0 ? rest : rest.substring(0, slash);
    try {
      Path dir = Files.readSymbolicLink(Path.of("/proc/self/fd", fd));
      if (slash < 0) {
        return dir.toString();
      }
      return dir.resolve(rest.substring(slash + 1)).normalize().toString();
    } catch (IOException e) {
      return path;
    }
  }
}
