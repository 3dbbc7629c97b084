/*
 * jcrun-init: replays an init program compiled by jcrun's Java side. Policy-free: no JSON, no
 * defaults, no ordering of its own. Usage:
 *
 *   jcrun-init run <program-fd> <sync-fd>   execute the program
 *   jcrun-init decode [file]                print a program (file or stdin) as text
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <grp.h>
#include <sched.h>
#include <termios.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/sched.h>

#include "program.h"
#include "resolve.h"
#include "sync.h"

#ifndef MOUNT_ATTR_RDONLY
#define MOUNT_ATTR_RDONLY 0x00000001
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

struct mount_attr_arg {
  uint64_t attr_set, attr_clr, propagation, userns_fd;
};

enum { CREATE_NONE = 0, CREATE_DIR = 1, CREATE_FILE = 2 };

static int slots[MAX_SLOTS];
static char detail[MSG_TEXT_MAX];
/* Set when `detail` is the whole story: the failure is then reported with errno 0. */
static int detail_complete;

/* ---- sync socket ------------------------------------------------------------------------ */

static int send_msg(uint32_t type, int32_t op, int32_t value, const char *text, int fd) {
  struct sync_msg m = {.type = type, .op = op, .value = value};
  if (text) {
    m.len = (uint32_t)strnlen(text, MSG_TEXT_MAX - 1);
    memcpy(m.text, text, m.len);
  }
  struct iovec iov = {.iov_base = &m, .iov_len = offsetof(struct sync_msg, text) + m.len};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } control;
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
  if (fd >= 0) {
    memset(&control, 0, sizeof control);
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
  }
  ssize_t n;
  do
    n = sendmsg(slots[0], &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n < 0 ? -1 : 0;
}

/* Reports the failure of op `index` and exits: the JVM turns it into a readable message. */
static void __attribute__((noreturn)) fail(uint32_t index, int err) {
  if (detail_complete)
    err = 0;
  if (send_msg(MSG_ERROR, (int32_t)index, err, detail[0] ? detail : NULL, -1) < 0) {
    /* Nobody listens any more (the container was started by a jcrun that has exited): the
     * container's stderr is the only place left to say why it did not run. */
    if (err == 0)
      dprintf(2, "jcrun: %s\n", detail);
    else
      dprintf(2, "jcrun: %s%s%s\n", detail, detail[0] ? ": " : "", strerror(err));
  }
  _exit(1);
}

static void set_detail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
}

/* A detail that says everything: no errno text is added to it. */
#define set_complete_detail(...) (set_detail(__VA_ARGS__), detail_complete = 1)

/* ---- helpers ------------------------------------------------------------------------------ */

static int slot_fd(int64_t slot) {
  if (slot == SLOT_CWD)
    return AT_FDCWD;
  if (slot < 0 || slot >= MAX_SLOTS || slots[slot] < 0) {
    errno = EBADF;
    return -1;
  }
  return slots[slot];
}

static int set_slot(int64_t slot, int fd) {
  if (slot < 0 || slot >= MAX_SLOTS) {
    close(fd);
    errno = EBADF;
    return -1;
  }
  slots[slot] = fd;
  return 0;
}

static void proc_fd_path(char *buf, size_t len, int fd) {
  snprintf(buf, len, "/proc/self/fd/%d", fd);
}

/*
 * Opens `path` inside `root`, creating missing parents (and the last component as `create`
 * says); a dangling symlink gets its target created, still inside the root.
 */
static int open_in_root(int root, const char *path, int flags, int create, int depth) {
  int fd = openat2_in_root(root, path, flags);
  if (fd >= 0 || errno != ENOENT || create == CREATE_NONE)
    return fd;
  if (depth > 40) {
    errno = ELOOP;
    return -1;
  }
  char parent[PATH_MAX];
  size_t len = strnlen(path, sizeof parent);
  if (len >= sizeof parent) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(parent, path, len + 1);
  while (len > 1 && parent[len - 1] == '/')
    parent[--len] = '\0';
  char *slash = strrchr(parent, '/');
  if (slash == NULL || slash[1] == '\0') {
    errno = ENOENT;
    return -1;
  }
  char name[NAME_MAX + 1];
  snprintf(name, sizeof name, "%s", slash + 1);
  if (slash == parent)
    parent[1] = '\0';
  else
    *slash = '\0';
  int pfd = open_in_root(root, parent, O_PATH | O_DIRECTORY, CREATE_DIR, depth + 1);
  if (pfd < 0)
    return -1;
  int rc;
  if (create == CREATE_DIR) {
    rc = mkdirat(pfd, name, 0755);
  } else {
    int f = openat(pfd, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
    rc = f < 0 ? -1 : close(f);
  }
  if (rc < 0 && errno == EEXIST) {
    char target[PATH_MAX];
    ssize_t n = readlinkat(pfd, name, target, sizeof target - 1);
    if (n > 0) {
      target[n] = '\0';
      char next[PATH_MAX * 2];
      if (target[0] == '/')
        snprintf(next, sizeof next, "%s", target);
      else
        snprintf(next, sizeof next, "%s/%s", strcmp(parent, "/") == 0 ? "" : parent, target);
      int t = open_in_root(root, next, O_PATH, create, depth + 1);
      if (t < 0) {
        close(pfd);
        return -1;
      }
      close(t);
    }
  } else if (rc < 0) {
    int e = errno;
    close(pfd);
    errno = e;
    return -1;
  }
  close(pfd);
  return openat2_in_root(root, path, flags);
}

static int write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

/* ---- composite ops ------------------------------------------------------------------------ */

static int do_pivot_root(int newroot) {
  if (fchdir(newroot) < 0) {
    set_detail("fchdir to the new root");
    return -1;
  }
  if (syscall(SYS_pivot_root, ".", ".") < 0) {
    set_detail("pivot_root(\".\", \".\")");
    return -1;
  }
  /* The old root is now stacked under ".": keep its propagation away from the host, then
   * detach it. */
  if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0) {
    set_detail("make the old root rslave");
    return -1;
  }
  if (umount2(".", MNT_DETACH) < 0) {
    set_detail("detach the old root");
    return -1;
  }
  return chdir("/");
}

static int do_move_root(int newroot) {
  if (fchdir(newroot) < 0)
    return -1;
  if (mount(".", "/", NULL, MS_MOVE, NULL) < 0) {
    set_detail("mount(\".\", \"/\", MS_MOVE)");
    return -1;
  }
  if (chroot(".") < 0)
    return -1;
  return chdir("/");
}

static int do_mask_path(int root, const char *path) {
  int fd = openat2_in_root(root, path, O_PATH);
  if (fd < 0)
    return errno == ENOENT ? 0 : -1;
  struct stat st;
  char target[64], source[64];
  int rc = -1;
  if (fstat(fd, &st) < 0)
    goto out;
  proc_fd_path(target, sizeof target, fd);
  if (S_ISDIR(st.st_mode)) {
    rc = mount("tmpfs", target, "tmpfs", MS_RDONLY, NULL);
    goto out;
  }
  int null = openat2_in_root(root, "/dev/null", O_PATH);
  if (null < 0) {
    set_detail("open /dev/null to mask %s", path);
    goto out;
  }
  struct stat ns;
  if (fstat(null, &ns) < 0 || !S_ISCHR(ns.st_mode) || major(ns.st_rdev) != 1 ||
      minor(ns.st_rdev) != 3) {
    set_complete_detail("/dev/null is not the null device (1:3), refusing to mask %s with it", path);
    close(null);
    errno = EPERM;
    goto out;
  }
  proc_fd_path(source, sizeof source, null);
  rc = mount(source, target, NULL, MS_BIND, NULL);
  close(null);
out:;
  int e = errno;
  close(fd);
  errno = e;
  return rc;
}

static int do_readonly_path(int root, const char *path) {
  int fd = openat2_in_root(root, path, O_PATH);
  if (fd < 0)
    return errno == ENOENT ? 0 : -1;
  char p[64];
  proc_fd_path(p, sizeof p, fd);
  int rc = mount(p, p, NULL, MS_BIND | MS_REC, NULL);
  close(fd);
  if (rc < 0)
    return -1;
  /* The old fd names the directory under the new bind mount: resolve again to reach it. */
  fd = openat2_in_root(root, path, O_PATH);
  if (fd < 0)
    return -1;
  struct mount_attr_arg attr = {.attr_set = MOUNT_ATTR_RDONLY};
  rc = (int)syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr);
  int e = errno;
  close(fd);
  errno = e;
  return rc;
}

static int send_fd_runc(int sock, int fd, const char *name) {
  char payload[4096];
  size_t len = strnlen(name, sizeof payload - 1);
  memcpy(payload, name, len);
  struct iovec iov = {.iov_base = payload, .iov_len = len ? len : 1};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } control;
  memset(&control, 0, sizeof control);
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                       .msg_controllen = sizeof control.buf};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof(int));
  ssize_t n;
  do
    n = sendmsg(sock, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n < 0 ? -1 : 0;
}

/*
 * Creates a pty in the container's devpts, sends the master (to a console socket in runc's
 * wire format, or to the JVM as an FD message), and makes the slave the controlling terminal
 * and stdio.
 */
static int do_console(int sock, int format, uid_t uid, gid_t gid, int rows, int cols) {
  int root = open("/", O_PATH | O_CLOEXEC);
  if (root < 0)
    return -1;
  int master = openat2_in_root(root, "/dev/pts/ptmx", O_RDWR | O_NOCTTY);
  close(root);
  if (master < 0) {
    set_detail("open /dev/pts/ptmx");
    return -1;
  }
  int unlock = 0, n = 0;
  if (ioctl(master, TIOCSPTLCK, &unlock) < 0 || ioctl(master, TIOCGPTN, &n) < 0)
    return -1;
  int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    set_detail("open the pty peer");
    return -1;
  }
  if (fchown(slave, uid, gid) < 0) {
    set_detail("chown /dev/pts/%d to %u:%u", n, uid, gid);
    return -1;
  }
  if (rows > 0 && cols > 0) {
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    if (ioctl(master, TIOCSWINSZ, &ws) < 0)
      return -1;
  }
  char name[64];
  snprintf(name, sizeof name, "/dev/pts/%d", n);
  int rc = format == 0 ? send_fd_runc(sock, master, name) : send_msg(MSG_FD, -1, 0, name, master);
  if (rc < 0) {
    set_detail("send the pty master");
    return -1;
  }
  close(master);
  if (ioctl(slave, TIOCSCTTY, 0) < 0) {
    set_detail("make /dev/pts/%d the controlling terminal", n);
    return -1;
  }
  for (int fd = 0; fd < 3; fd++)
    if (dup2(slave, fd) < 0)
      return -1;
  if (slave > 2)
    close(slave);
  return 0;
}

/* Runs a hook: stdin gets `input`, output is kept for the error message, `timeout` in seconds
 * (0 = none). */
static int do_run_hook(const char *path, char **argv, char **envp, int timeout, const char *input,
                       uint32_t input_len) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
    return -1;
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    execve(path, argv, envp);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  signal(SIGPIPE, SIG_IGN);
  write_all(in[1], input, input_len);
  close(in[1]);
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  char output[1024];
  size_t got = 0;
  int timed_out = 0;
  for (;;) {
    struct pollfd p[2] = {{.fd = out[0], .events = POLLIN}, {.fd = pidfd, .events = POLLIN}};
    int r = poll(p, 2, timeout > 0 ? timeout * 1000 : -1);
    if (r < 0 && errno == EINTR)
      continue;
    if (r == 0) {
      timed_out = 1;
      kill(pid, SIGKILL);
      break;
    }
    if (p[0].revents) {
      char buf[512];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0)
        break;
      size_t keep = (size_t)n < sizeof output - 1 - got ? (size_t)n : sizeof output - 1 - got;
      memcpy(output + got, buf, keep);
      got += keep;
    } else if (p[1].revents) {
      break;
    }
  }
  output[got] = '\0';
  close(out[0]);
  close(pidfd);
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (timed_out) {
    set_complete_detail("hook %s timed out after %d s", path, timeout);
    errno = ETIMEDOUT;
    return -1;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return 0;
  if (WIFEXITED(status))
    set_complete_detail("hook %s exited with status %d: %s", path, WEXITSTATUS(status), output);
  else
    set_complete_detail("hook %s was killed by signal %d: %s", path, WTERMSIG(status), output);
  errno = ECANCELED;
  return -1;
}

static int do_execve(const char *file, char **argv, char **envp, const char *search) {
  if (strchr(file, '/')) {
    execve(file, argv, envp);
    set_detail("exec %s", file);
    return -1;
  }
  int first = ENOENT;
  const char *p = search;
  char candidate[PATH_MAX];
  for (;;) {
    const char *colon = strchr(p, ':');
    size_t len = colon ? (size_t)(colon - p) : strlen(p);
    if (len == 0)
      snprintf(candidate, sizeof candidate, "./%s", file);
    else
      snprintf(candidate, sizeof candidate, "%.*s/%s", (int)len, p, file);
    execve(candidate, argv, envp);
    if (errno == EACCES)
      first = EACCES;
    else if (errno != ENOENT && errno != ENOTDIR) {
      set_detail("exec %s", candidate);
      return -1;
    }
    if (!colon)
      break;
    p = colon + 1;
  }
  set_complete_detail("executable file `%s` not found in $PATH", file);
  errno = first;
  return -1;
}

/* Finds `file` as execvp would, without running it: a missing program fails create, not start. */
static int do_lookup_exec(const char *file, const char *search) {
  struct stat st;
  if (strchr(file, '/')) {
    if (stat(file, &st) < 0) {
      set_complete_detail("exec: \"%s\": stat %s: %s", file, file, strerror(errno));
      return -1;
    }
    if (S_ISDIR(st.st_mode)) {
      set_complete_detail("exec: \"%s\": is a directory", file);
      errno = EACCES;
      return -1;
    }
    return 0;
  }
  const char *p = search;
  char candidate[PATH_MAX];
  for (;;) {
    const char *colon = strchr(p, ':');
    size_t len = colon ? (size_t)(colon - p) : strlen(p);
    snprintf(candidate, sizeof candidate, "%.*s/%s", (int)(len ? len : 1), len ? p : ".", file);
    if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111))
      return 0;
    if (!colon)
      break;
    p = colon + 1;
  }
  set_complete_detail("exec: \"%s\": executable file not found in $PATH", file);
  errno = ENOENT;
  return -1;
}

static int do_clone(uint64_t flags, int cgroup, uint32_t index) {
  /* clone3 refuses an exit signal with CLONE_PARENT: the child then inherits ours (SIGCHLD),
   * which is what its new parent, jcrun, waits for. */
  struct clone_args args = {.flags = flags, .exit_signal = (flags & CLONE_PARENT) ? 0 : SIGCHLD};
  if (cgroup >= 0) {
    args.flags |= CLONE_INTO_CGROUP;
    args.cgroup = (uint64_t)cgroup;
  }
  long pid = syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0)
    return -1;
  if (pid > 0) {
    /* The parent's work ends here: report the child and leave, so the child (cloned with
     * CLONE_PARENT) stays a child of the jcrun process. */
    send_msg(MSG_CHILD_PID, (int32_t)index, (int32_t)pid, NULL, -1);
    _exit(0);
  }
  return 0;
}

static int do_sync_wait(int32_t code) {
  struct sync_msg m;
  ssize_t n;
  do
    n = recv(slots[0], &m, sizeof m, 0);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return -1;
  if (n == 0) {
    set_complete_detail("jcrun went away while the container was being set up");
    errno = EPIPE;
    return -1;
  }
  if ((size_t)n < offsetof(struct sync_msg, text) || m.type != MSG_SYNC || m.value != code) {
    set_detail("expected sync %d, got message type %u value %d", code, m.type, m.value);
    errno = EPROTO;
    return -1;
  }
  return 0;
}

/* ---- the interpreter ---------------------------------------------------------------------- */

#define I(n) (op->args[n].i)
#define S(n) (op->args[n].s)
#define L(n) (op->args[n].list)

static int check_args(const struct op *op, const char *kinds) {
  size_t n = strlen(kinds);
  if (kinds[n - 1] == '*') { /* trailing variable ints */
    for (uint16_t a = 0; a < op->argc; a++)
      if (op->args[a].kind != ARG_INT)
        return -1;
    return 0;
  }
  if (op->argc != n)
    return -1;
  for (size_t a = 0; a < n; a++) {
    uint8_t k = op->args[a].kind;
    int ok = (kinds[a] == 'i' && k == ARG_INT) || (kinds[a] == 's' && k == ARG_STR) ||
             (kinds[a] == 'S' && (k == ARG_STR || k == ARG_NULL)) ||
             (kinds[a] == 'b' && k == ARG_BYTES) || (kinds[a] == 'l' && k == ARG_STRLIST);
    if (!ok)
      return -1;
  }
  return 0;
}

static const char *signature(uint16_t code) {
  switch (code) {
  case OP_OPENAT: return "iisii";
  case OP_OPEN_IN_ROOT: return "iisii";
  case OP_CLOSE: return "i";
  case OP_MOUNT: return "SSSiS";
  case OP_MOUNT_ON_FD: return "SiSiS";
  case OP_MOUNT_SETATTR: return "iiiii";
  case OP_UMOUNT2: return "si";
  case OP_PIVOT_ROOT: return "i";
  case OP_MOVE_ROOT: return "i";
  case OP_MASK_PATH: return "is";
  case OP_READONLY_PATH: return "is";
  case OP_MKNODAT: return "isiii";
  case OP_MKDIRAT: return "isi";
  case OP_SYMLINKAT: return "sis";
  case OP_FCHOWNAT: return "isiii";
  case OP_FCHMODAT: return "isi";
  case OP_WRITE_FILE: return "isb";
  case OP_UNSHARE: return "i";
  case OP_SETNS: return "ii";
  case OP_SETHOSTNAME: return "s";
  case OP_SETDOMAINNAME: return "s";
  case OP_SETRLIMIT: return "iii";
  case OP_SETRESUID: return "iii";
  case OP_SETRESGID: return "iii";
  case OP_SETGROUPS: return "*";
  case OP_UMASK: return "i";
  case OP_CAPSET: return "iii";
  case OP_CAP_BOUNDING_DROP: return "i";
  case OP_CAP_AMBIENT_RAISE: return "i";
  case OP_PRCTL: return "ii";
  case OP_CHDIR: return "s";
  case OP_FCHDIR: return "i";
  case OP_SETSID: return "";
  case OP_CLOSE_ON_EXEC_FROM: return "i";
  case OP_SECCOMP_LOAD: return "bii";
  case OP_EXECVE: return "slls";
  case OP_INHERIT: return "ii";
  case OP_CLONE: return "ii";
  case OP_SYNC_SEND: return "i";
  case OP_SYNC_WAIT: return "i";
  case OP_WAIT_EXEC_FIFO: return "is";
  case OP_CONSOLE: return "iiiiii";
  case OP_SEND_FD: return "iisi";
  case OP_RUN_HOOK: return "sllib";
  case OP_DUP2: return "ii";
  case OP_LOOKUP_EXEC: return "ss";
  case OP_EXIT: return "i";
  case OP_JOIN_SESSION_KEYRING: return "s";
  default: return NULL;
  }
}

/*
 * A session keyring of the container's own, so keys the caller holds (and keys other
 * containers add) are not shared. Like runc, the keyring also gets "search" for its owner's
 * uid, so processes of that uid that do not possess it can still find keys in it. Kernels
 * without keys (ENOSYS) keep the caller's keyring.
 */
static int join_session_keyring(const char *name) {
  enum { KEYCTL_DESCRIBE = 6, KEYCTL_SETPERM = 5, KEYCTL_JOIN = 1, KEY_USR_SEARCH = 0x00080000 };
  long id = syscall(SYS_keyctl, KEYCTL_JOIN, name, 0, 0, 0);
  if (id < 0)
    return errno == ENOSYS ? 0 : -1;
  /* The description is "type;uid;gid;perm;name" with perm in hex. */
  char desc[512];
  long n = syscall(SYS_keyctl, KEYCTL_DESCRIBE, id, desc, sizeof desc - 1, 0);
  if (n < 0)
    return -1;
  desc[n < (long)sizeof desc ? n : (long)sizeof desc - 1] = 0;
  char *p = desc;
  for (int field = 0; field < 3 && p != NULL; field++) {
    p = strchr(p, ';');
    if (p != NULL)
      p++;
  }
  if (p == NULL) {
    errno = EINVAL;
    return -1;
  }
  unsigned long perm = strtoul(p, NULL, 16);
  return syscall(SYS_keyctl, KEYCTL_SETPERM, id, perm | KEY_USR_SEARCH, 0, 0) < 0 ? -1 : 0;
}

static int run_op(const struct op *op, uint32_t index) {
  int fd, dir;
  char path[64];
  switch (op->code) {
  case OP_OPENAT:
    if ((dir = slot_fd(I(1))) == -1)
      return -1;
    fd = openat(dir, S(2), (int)I(3) | O_CLOEXEC, (mode_t)I(4));
    return fd < 0 ? -1 : set_slot(I(0), fd);
  case OP_OPEN_IN_ROOT:
    if ((dir = slot_fd(I(1))) < 0)
      return -1;
    fd = open_in_root(dir, S(2), (int)I(3), (int)I(4), 0);
    return fd < 0 ? -1 : set_slot(I(0), fd);
  case OP_CLOSE:
    if ((fd = slot_fd(I(0))) < 0)
      return -1;
    close(fd);
    slots[I(0)] = -1;
    return 0;
  case OP_MOUNT:
    return mount(S(0), S(1), S(2), (unsigned long)I(3), S(4));
  case OP_MOUNT_ON_FD:
    if ((fd = slot_fd(I(1))) < 0)
      return -1;
    proc_fd_path(path, sizeof path, fd);
    return mount(S(0), path, S(2), (unsigned long)I(3), S(4));
  case OP_MOUNT_SETATTR: {
    if ((fd = slot_fd(I(0))) < 0)
      return -1;
    struct mount_attr_arg attr = {.attr_set = (uint64_t)I(2), .attr_clr = (uint64_t)I(3),
                                  .propagation = (uint64_t)I(4)};
    return (int)syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | (I(1) ? AT_RECURSIVE : 0),
                        &attr, sizeof attr);
  }
  case OP_UMOUNT2:
    return umount2(S(0), (int)I(1));
  case OP_PIVOT_ROOT:
    return (fd = slot_fd(I(0))) < 0 ? -1 : do_pivot_root(fd);
  case OP_MOVE_ROOT:
    return (fd = slot_fd(I(0))) < 0 ? -1 : do_move_root(fd);
  case OP_MASK_PATH:
    return (fd = slot_fd(I(0))) < 0 ? -1 : do_mask_path(fd, S(1));
  case OP_READONLY_PATH:
    return (fd = slot_fd(I(0))) < 0 ? -1 : do_readonly_path(fd, S(1));
  case OP_MKNODAT:
    if ((dir = slot_fd(I(0))) == -1)
      return -1;
    return mknodat(dir, S(1), (mode_t)I(2), makedev((unsigned)I(3), (unsigned)I(4)));
  case OP_MKDIRAT:
    if ((dir = slot_fd(I(0))) == -1)
      return -1;
    return mkdirat(dir, S(1), (mode_t)I(2));
  case OP_SYMLINKAT:
    if ((dir = slot_fd(I(1))) == -1)
      return -1;
    return symlinkat(S(0), dir, S(2));
  case OP_FCHOWNAT:
    if ((dir = slot_fd(I(0))) == -1)
      return -1;
    return fchownat(dir, S(1), (uid_t)I(2), (gid_t)I(3), (int)I(4));
  case OP_FCHMODAT:
    if ((dir = slot_fd(I(0))) == -1)
      return -1;
    return fchmodat(dir, S(1), (mode_t)I(2), 0);
  case OP_WRITE_FILE: {
    if ((dir = slot_fd(I(0))) == -1)
      return -1;
    fd = openat(dir, S(1), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
      return -1;
    int rc = write_all(fd, S(2), op->args[2].len);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
  }
  case OP_UNSHARE:
    return unshare((int)I(0));
  case OP_SETNS:
    return (fd = slot_fd(I(0))) < 0 ? -1 : setns(fd, (int)I(1));
  case OP_SETHOSTNAME:
    return sethostname(S(0), op->args[0].len);
  case OP_SETDOMAINNAME:
    return setdomainname(S(0), op->args[0].len);
  case OP_SETRLIMIT: {
    struct rlimit r = {.rlim_cur = (rlim_t)I(1), .rlim_max = (rlim_t)I(2)};
    return setrlimit((int)I(0), &r);
  }
  case OP_SETRESUID:
    return (int)syscall(SYS_setresuid, (uid_t)I(0), (uid_t)I(1), (uid_t)I(2));
  case OP_SETRESGID:
    return (int)syscall(SYS_setresgid, (gid_t)I(0), (gid_t)I(1), (gid_t)I(2));
  case OP_SETGROUPS: {
    gid_t groups[MAX_ARGS];
    for (uint16_t a = 0; a < op->argc; a++)
      groups[a] = (gid_t)I(a);
    /* The raw syscall: glibc's wrapper would broadcast to threads, and there are none. */
    return (int)syscall(SYS_setgroups, op->argc, groups);
  }
  case OP_UMASK:
    umask((mode_t)I(0));
    return 0;
  case OP_CAPSET: {
    struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
    struct __user_cap_data_struct d[2] = {
        {(uint32_t)I(0), (uint32_t)I(1), (uint32_t)I(2)},
        {(uint32_t)((uint64_t)I(0) >> 32), (uint32_t)((uint64_t)I(1) >> 32),
         (uint32_t)((uint64_t)I(2) >> 32)}};
    return (int)syscall(SYS_capset, &h, d);
  }
  case OP_CAP_BOUNDING_DROP:
    return prctl(PR_CAPBSET_DROP, (unsigned long)I(0), 0, 0, 0);
  case OP_CAP_AMBIENT_RAISE:
    return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (unsigned long)I(0), 0, 0);
  case OP_PRCTL:
    return prctl((int)I(0), (unsigned long)I(1), 0, 0, 0);
  case OP_CHDIR:
    return chdir(S(0));
  case OP_FCHDIR:
    return (fd = slot_fd(I(0))) < 0 ? -1 : fchdir(fd);
  case OP_SETSID:
    return setsid() < 0 ? -1 : 0;
  case OP_CLOSE_ON_EXEC_FROM:
    return (int)syscall(SYS_close_range, (unsigned)I(0), ~0U, CLOSE_RANGE_CLOEXEC);
  case OP_SECCOMP_LOAD: {
    struct {
      unsigned short len;
      const void *filter;
    } prog = {(unsigned short)(op->args[0].len / 8), S(0)};
    int rc = (int)syscall(SYS_seccomp, 1 /* SECCOMP_SET_MODE_FILTER */, (unsigned)I(1), &prog);
    /* With SECCOMP_FILTER_FLAG_NEW_LISTENER the result is the notify fd: keep it in a slot. */
    if (rc < 0 || I(2) < 0)
      return rc < 0 ? -1 : 0;
    return set_slot(I(2), rc);
  }
  case OP_EXECVE:
    return do_execve(S(0), L(1), L(2), S(3));
  case OP_INHERIT:
    if (fcntl((int)I(1), F_SETFD, FD_CLOEXEC) < 0)
      return -1;
    return set_slot(I(0), (int)I(1));
  case OP_CLONE: {
    int cg = I(1) < 0 ? -1 : slot_fd(I(1));
    if (I(1) >= 0 && cg < 0)
      return -1;
    return do_clone((uint64_t)I(0), cg, index);
  }
  case OP_SYNC_SEND:
    return send_msg(MSG_SYNC, (int32_t)index, (int32_t)I(0), NULL, -1);
  case OP_SYNC_WAIT:
    return do_sync_wait((int32_t)I(0));
  case OP_WAIT_EXEC_FIFO: {
    if ((dir = slot_fd(I(0))) < 0)
      return -1;
    do
      fd = openat(dir, S(1), O_WRONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
      return -1;
    int rc = write_all(fd, "0", 1);
    close(fd);
    return rc;
  }
  case OP_CONSOLE:
    if ((fd = slot_fd(I(0))) < 0)
      return -1;
    return do_console(fd, (int)I(1), (uid_t)I(2), (gid_t)I(3), (int)I(4), (int)I(5));
  case OP_SEND_FD: {
    int sock = slot_fd(I(0));
    if (sock < 0 || (fd = slot_fd(I(1))) < 0)
      return -1;
    return I(3) == 0 ? send_fd_runc(sock, fd, S(2)) : send_msg(MSG_FD, (int32_t)index, 0, S(2), fd);
  }
  case OP_RUN_HOOK:
    return do_run_hook(S(0), L(1), L(2), (int)I(3), S(4), op->args[4].len);
  case OP_DUP2:
    return (fd = slot_fd(I(0))) < 0 ? -1 : (dup2(fd, (int)I(1)) < 0 ? -1 : 0);
  case OP_LOOKUP_EXEC:
    return do_lookup_exec(S(0), S(1));
  case OP_EXIT:
    /* A program that runs hooks ends here instead of in an exec. */
    _exit((int)I(0));
  case OP_JOIN_SESSION_KEYRING:
    return join_session_keyring(S(0));
  default:
    errno = ENOSYS;
    return -1;
  }
}

static int read_all(int fd, uint8_t **out, size_t *len) {
  size_t cap = 65536, n = 0;
  uint8_t *buf = malloc(cap);
  if (buf == NULL)
    return -1;
  for (;;) {
    if (n == cap) {
      uint8_t *bigger = realloc(buf, cap *= 2);
      if (bigger == NULL)
        return -1;
      buf = bigger;
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return -1;
    if (r == 0)
      break;
    n += (size_t)r;
  }
  *out = buf;
  *len = n;
  return 0;
}

static int decode(const char *file) {
  int fd = file ? open(file, O_RDONLY | O_CLOEXEC) : 0;
  uint8_t *buf;
  size_t len;
  char err[256];
  struct program prog;
  if (fd < 0 || read_all(fd, &buf, &len) < 0) {
    fprintf(stderr, "jcrun-init: read %s: %s\n", file ? file : "stdin", strerror(errno));
    return 1;
  }
  if (program_decode(buf, len, &prog, err, sizeof err) < 0) {
    fprintf(stderr, "jcrun-init: decode: %s\n", err);
    return 1;
  }
  for (uint32_t i = 0; i < prog.count; i++)
    op_print(&prog.ops[i], i, stdout);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "decode") == 0)
    return decode(argc > 2 ? argv[2] : NULL);
  if (argc != 4 || strcmp(argv[1], "run") != 0) {
    fprintf(stderr, "usage: jcrun-init run <program-fd> <sync-fd> | jcrun-init decode [file]\n"
                    "jcrun-init is started by jcrun; it is not meant to be run by hand.\n");
    return 2;
  }
  for (int i = 0; i < MAX_SLOTS; i++)
    slots[i] = -1;
  int progfd = atoi(argv[2]);
  slots[0] = atoi(argv[3]);
  if (fcntl(slots[0], F_SETFD, FD_CLOEXEC) < 0)
    return 3;
  uint8_t *buf;
  size_t len;
  struct program prog;
  if (read_all(progfd, &buf, &len) < 0) {
    set_detail("read the init program");
    fail(0, errno);
  }
  close(progfd);
  if (program_decode(buf, len, &prog, detail, sizeof detail) < 0)
    fail(0, EINVAL);
  for (uint32_t i = 0; i < prog.count; i++) {
    const struct op *op = &prog.ops[i];
    if (check_args(op, signature(op->code)) < 0) {
      set_detail("op %u %s: wrong arguments", i, op_name(op->code));
      fail(i, EINVAL);
    }
    detail[0] = '\0';
    detail_complete = 0;
    if (run_op(op, i) < 0)
      fail(i, errno);
  }
  /* A program ends in EXECVE or EXIT; reaching here means it did not. */
  set_detail("the init program ended without an exec or an exit");
  fail(prog.count, ENOEXEC);
}
