package io.jcrun.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Variadic;

/**
 * The libc functions {@link LinuxSyscalls} binds with jnr-ffi. Variadic functions (open, ioctl,
 * prctl, fcntl) are reached through {@link #syscall} instead, so no argument lands in a
 * {@code va_arg} slot with the wrong width.
 *
 * <p><strong>Internal to this package.</strong> It is public only because jnr-ffi implements it
 * in a class loader of its own, which must see it; nothing outside this package uses it.
 */
public interface LibC {
  @Variadic(fixedCount = 1)
  long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

  int close(int fd);

  int mount(String source, String target, String fstype, long flags, String data);

  int umount2(String target, int flags);

  int mknodat(int dirfd, String path, int mode, long dev);

  int mkdirat(int dirfd, String path, int mode);

  int symlinkat(String target, int dirfd, String linkPath);

  int linkat(int oldDir, String oldPath, int newDir, String newPath, int flags);

  int fchownat(int dirfd, String path, int uid, int gid, int flags);

  int fchmodat(int dirfd, String path, int mode, int flags);

  int mkfifoat(int dirfd, String path, int mode);

  int utimensat(int dirfd, String path, Pointer times, int flags);

  int lsetxattr(String path, String name, Pointer value, long size, int flags);

  long lgetxattr(String path, String name, Pointer value, long size);

  int unshare(int flags);

  int setns(int fd, int nstype);

  int sethostname(String name, long len);

  int setdomainname(String name, long len);

  int setrlimit(int resource, Pointer rlimit);

  int setresuid(int ruid, int euid, int suid);

  int setresgid(int rgid, int egid, int sgid);

  int setgroups(long size, int[] list);

  @IgnoreError
  int umask(int mask);

  int chdir(String path);

  int fchdir(int fd);

  int chroot(String path);

  int setsid();

  int execve(String path, Pointer argv, Pointer envp);

  int kill(int pid, int signal);

  int waitpid(int pid, @Out int[] status, int options);

  int socketpair(int domain, int type, int protocol, @Out int[] fds);

  int socket(int domain, int type, int protocol);

  int connect(int fd, Pointer address, int length);

  long sendmsg(int fd, Pointer msghdr, int flags);

  long recvmsg(int fd, Pointer msghdr, int flags);

  long read(int fd, Pointer buffer, long count);

  long write(int fd, Pointer buffer, long count);

  int poll(Pointer fds, long count, int timeout);

  int statfs(String path, Pointer buffer);

  int tcgetattr(int fd, Pointer termios);

  int tcsetattr(int fd, int action, Pointer termios);

  @IgnoreError
  int isatty(int fd);

  @IgnoreError
  int getpid();

  @IgnoreError
  int geteuid();

  @IgnoreError
  int getegid();

  int posix_spawn(@Out int[] pid, String path, Pointer fileActions, Pointer attributes,
      Pointer argv, Pointer envp);

  int posix_spawn_file_actions_init(Pointer fileActions);

  int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

  int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

  int posix_spawn_file_actions_destroy(Pointer fileActions);

  int posix_spawnattr_init(Pointer attributes);

  int posix_spawnattr_setflags(Pointer attributes, short flags);

  int posix_spawnattr_setsigmask(Pointer attributes, Pointer mask);

  int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

  int posix_spawnattr_destroy(Pointer attributes);
}
