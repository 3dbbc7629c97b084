/*
 * Resolving a path inside a root directory so that neither a symlink nor ".." can leave it:
 * openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS), or, on kernels without openat2, a walk of
 * one component at a time with O_NOFOLLOW where every symlink is read and resolved again
 * inside the root (as runc's securejoin and crun's chroot_realpath do).
 */
#ifndef JCRUN_RESOLVE_H
#define JCRUN_RESOLVE_H

/* Opens `path` inside `root` with `flags` (O_CLOEXEC added); -1 with errno on failure. */
int openat2_in_root(int root, const char *path, int flags);

/* The fallback walk itself, exposed for its test; openat2_in_root uses it on ENOSYS. */
int walk_in_root(int root, const char *path, int flags);

#endif
