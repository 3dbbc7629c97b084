package io.jcrun.linux;

import java.util.List;

/**
 * One recorded call of {@link FakeSyscalls}: a record per {@link Syscalls} method, with fds as
 * their numbers so tests compare calls with {@code assertEquals}.
 */
public sealed interface SyscallCall {
  record Openat(int dir, String path, int flags, int mode) implements SyscallCall {}
  record OpenInRoot(int root, String path, int flags, InRootCreate create) implements SyscallCall {}
  record Close(int fd) implements SyscallCall {}
  record Mount(String source, String target, String fstype, MountFlags flags, String data)
      implements SyscallCall {}
  record MountOnFd(String source, int target, String fstype, MountFlags flags, String data)
      implements SyscallCall {}
  record MountSetattr(int target, boolean recursive, long attrSet, long attrClr, long propagation)
      implements SyscallCall {}
  record Umount2(String target, int flags) implements SyscallCall {}
  record PivotRoot(int newRoot) implements SyscallCall {}
  record MoveRoot(int newRoot) implements SyscallCall {}
  record MaskPath(int root, String path) implements SyscallCall {}
  record ReadonlyPath(int root, String path) implements SyscallCall {}
  record Mknodat(int dir, String path, int mode, int major, int minor) implements SyscallCall {}
  record Mkdirat(int dir, String path, int mode) implements SyscallCall {}
  record Symlinkat(String target, int dir, String linkPath) implements SyscallCall {}
  record Fchownat(int dir, String path, int uid, int gid, int flags) implements SyscallCall {}
  record Fchmodat(int dir, String path, int mode) implements SyscallCall {}
  record WriteFile(int dir, String path, String data) implements SyscallCall {}
  record Unshare(long flags) implements SyscallCall {}
  record Setns(int fd, NamespaceType type) implements SyscallCall {}
  record Sethostname(String name) implements SyscallCall {}
  record Setdomainname(String name) implements SyscallCall {}
  record Setrlimit(int resource, long soft, long hard) implements SyscallCall {}
  record Setresuid(int ruid, int euid, int suid) implements SyscallCall {}
  record Setresgid(int rgid, int egid, int sgid) implements SyscallCall {}
  record Setgroups(List<Integer> groups) implements SyscallCall {}
  record Umask(int mask) implements SyscallCall {}
  record Capset(long effective, long permitted, long inheritable) implements SyscallCall {}
  record CapBoundingDrop(Capability cap) implements SyscallCall {}
  record CapAmbientRaise(Capability cap) implements SyscallCall {}
  record Prctl(int option, long arg) implements SyscallCall {}
  record Chdir(String path) implements SyscallCall {}
  record Fchdir(int dir) implements SyscallCall {}
  record Setsid() implements SyscallCall {}
  record CloseOnExecFrom(int first) implements SyscallCall {}
  record SeccompLoad(int length, int flags) implements SyscallCall {}
  record Execve(String file, List<String> argv, List<String> env, String searchPath)
      implements SyscallCall {}
  record Spawn(String path, List<String> argv, List<String> env, List<String> fds, int closeFrom)
      implements SyscallCall {}
  record Socketpair(int type) implements SyscallCall {}
  record Sendmsg(int socket, String data, List<Integer> fds) implements SyscallCall {}
  record Recvmsg(int socket, int maxBytes) implements SyscallCall {}
  record ConnectUnix(String path) implements SyscallCall {}
  record Read(int fd, int max) implements SyscallCall {}
  record Write(int fd, String data) implements SyscallCall {}
  record Waitpid(int pid, int options) implements SyscallCall {}
  record Kill(int pid, Signal signal) implements SyscallCall {}
  record PidfdOpen(int pid) implements SyscallCall {}
  record PidfdSendSignal(int pidfd, Signal signal) implements SyscallCall {}
  record Poll(List<Integer> fds, short events, int timeoutMillis) implements SyscallCall {}
  record MemfdCreate(String name) implements SyscallCall {}
  record AddSeals(int fd, int seals) implements SyscallCall {}
  record Mkfifoat(int dir, String path, int mode) implements SyscallCall {}
  record Linkat(int oldDir, String oldPath, int newDir, String newPath) implements SyscallCall {}
  record Utimensat(int dir, String path, long atimeNanos, long mtimeNanos, int flags)
      implements SyscallCall {}
  record Lsetxattr(String path, String name, List<Byte> value) implements SyscallCall {}
  record Lgetxattr(String path, String name) implements SyscallCall {}
  record StatfsType(String path) implements SyscallCall {}
  record Fsopen(String fsName) implements SyscallCall {}
  record FsconfigSetString(int fs, String key, String value) implements SyscallCall {}
  record FsconfigSetFlag(int fs, String key) implements SyscallCall {}
  record FsconfigCreate(int fs) implements SyscallCall {}
  record Fsmount(int fs, long attrs) implements SyscallCall {}
  record MoveMount(int from, String to) implements SyscallCall {}
  record BpfProgLoad(int progType, int instructionCount, String license, int expectedAttachType)
      implements SyscallCall {}
  record BpfProgAttach(int program, int target, int attachType, int flags) implements SyscallCall {}
  record BpfProgDetach(int program, int target, int attachType) implements SyscallCall {}
  record BpfProgQuery(int target, int attachType) implements SyscallCall {}
  record BpfProgGetFdById(int id) implements SyscallCall {}
  record Tcgetattr(int tty) implements SyscallCall {}
  record Tcsetattr(int tty) implements SyscallCall {}
  record GetWindowSize(int tty) implements SyscallCall {}
  record SetWindowSize(int tty, int rows, int columns) implements SyscallCall {}
}
