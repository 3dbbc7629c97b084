#define _GNU_SOURCE
#include "resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#define MAX_DEPTH 256
#define MAX_LINKS 40

int openat2_in_root(int root, const char *path, int flags) {
  struct open_how how = {.flags = (unsigned long long)(flags | O_CLOEXEC),
                         .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
  const char *rel = path;
  while (*rel == '/')
    rel++;
  if (*rel == '\0')
    rel = ".";
#ifdef JCRUN_FORCE_WALK
  errno = ENOSYS;
  int fd = -1;
#else
  int fd = (int)syscall(SYS_openat2, root, rel, &how, sizeof how);
#endif
  if (fd < 0 && errno == ENOSYS)
    return walk_in_root(root, path, flags);
  return fd;
}

static void close_all(int *fds, int depth) {
  for (int i = 0; i <= depth; i++)
    close(fds[i]);
}

/* The final component, already checked not to be a symlink (or wanted as one with O_NOFOLLOW),
 * opened with the caller's flags; the inode must still be the one checked, else it was swapped. */
static int finish(int parent, int fd, const char *name, const struct stat *seen, int flags) {
  if ((flags & O_DIRECTORY) && !S_ISDIR(seen->st_mode)) {
    close(fd);
    errno = ENOTDIR;
    return -1;
  }
  if (flags & O_PATH)
    return fd;
  int opened = openat(parent, name, flags | O_NOFOLLOW | O_CLOEXEC);
  int e = errno;
  close(fd);
  if (opened < 0) {
    errno = e;
    return -1;
  }
  struct stat now;
  if (fstat(opened, &now) < 0 || now.st_dev != seen->st_dev || now.st_ino != seen->st_ino) {
    close(opened);
    errno = EXDEV;
    return -1;
  }
  return opened;
}

int walk_in_root(int root, const char *path, int flags) {
  char rest[PATH_MAX * 2];
  if (snprintf(rest, sizeof rest, "%s", path) >= (int)sizeof rest) {
    errno = ENAMETOOLONG;
    return -1;
  }
  int fds[MAX_DEPTH + 1];
  int depth = 0;
  int links = 0;
  fds[0] = fcntl(root, F_DUPFD_CLOEXEC, 0);
  if (fds[0] < 0)
    return -1;
  char *p = rest;
  for (;;) {
    while (*p == '/')
      p++;
    if (*p == '\0') {
      /* The path named a directory on the stack (the root, or after a trailing ".."). */
      int dir = fds[depth];
      fds[depth] = -1;
      close_all(fds, depth - 1);
      if (flags & O_PATH)
        return dir;
      int fd = openat(dir, ".", flags | O_CLOEXEC);
      int e = errno;
      close(dir);
      errno = e;
      return fd;
    }
    char *slash = strchr(p, '/');
    char name[NAME_MAX + 1];
    size_t len = slash ? (size_t)(slash - p) : strlen(p);
    if (len > NAME_MAX) {
      close_all(fds, depth);
      errno = ENAMETOOLONG;
      return -1;
    }
    memcpy(name, p, len);
    name[len] = '\0';
    p += len;
    while (*p == '/')
      p++;
    int last = *p == '\0';
    if (strcmp(name, ".") == 0)
      continue;
    if (strcmp(name, "..") == 0) {
      if (depth > 0)
        close(fds[depth--]);
      continue;
    }
    int fd = openat(fds[depth], name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
      int e = errno;
      if (fd >= 0)
        close(fd);
      close_all(fds, depth);
      errno = e;
      return -1;
    }
    if (S_ISLNK(st.st_mode) && !(last && (flags & O_NOFOLLOW))) {
      char target[PATH_MAX];
      ssize_t n = readlinkat(fd, "", target, sizeof target - 1);
      close(fd);
      if (n < 0 || ++links > MAX_LINKS) {
        close_all(fds, depth);
        errno = n < 0 ? errno : ELOOP;
        return -1;
      }
      target[n] = '\0';
      char joined[PATH_MAX * 2];
      if (snprintf(joined, sizeof joined, "%s/%s", target, p) >= (int)sizeof joined) {
        close_all(fds, depth);
        errno = ENAMETOOLONG;
        return -1;
      }
      memcpy(rest, joined, strlen(joined) + 1);
      p = rest;
      if (target[0] == '/') {
        /* An absolute target starts again from the root, never from the host's "/". */
        while (depth > 0)
          close(fds[depth--]);
      }
      continue;
    }
    if (last) {
      int out = finish(fds[depth], fd, name, &st, flags);
      int e = errno;
      close_all(fds, depth);
      errno = e;
      return out;
    }
    if (!S_ISDIR(st.st_mode) || depth == MAX_DEPTH) {
      close(fd);
      close_all(fds, depth);
      errno = S_ISDIR(st.st_mode) ? ENAMETOOLONG : ENOTDIR;
      return -1;
    }
    fds[++depth] = fd;
  }
}
