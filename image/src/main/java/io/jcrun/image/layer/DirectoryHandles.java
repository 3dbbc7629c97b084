package io.jcrun.image.layer;

import static io.jcrun.linux.OpenFlags.O_DIRECTORY;
import static io.jcrun.linux.OpenFlags.O_NOFOLLOW;
import static io.jcrun.linux.OpenFlags.O_PATH;

import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.Errno;
import io.jcrun.linux.Fd;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code O_PATH} fds of the directories inside one root, opened one component at a time with
 * {@code O_NOFOLLOW}, so a path never leaves the root. A component that is a symlink (planted by
 * an earlier entry) is resolved by the kernel inside the root ({@code openat2(RESOLVE_IN_ROOT)}).
 * Plainly resolved directories stay open in a small LRU cache; a handle pins its entry until it
 * is closed. Not thread-safe: one per layer being applied.
 */
final class DirectoryHandles implements AutoCloseable {
  private static final int CAPACITY = 64;

  private final Syscalls syscalls;
  private final Fd root;
  private final Map<String, Entry> cache = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true);

  private static final class Entry {
    final Fd fd;
    int pins;
    boolean evicted;

    Entry(Fd fd) {
      this.fd = fd;
    }
  }

  /** An open directory; close it when done with the fd. */
  final class Handle implements AutoCloseable {
    private final Fd fd;
    private final Entry entry;
    private final boolean owned;

    /** A handle on a cached entry (pinned), or on an fd it owns, or on the root (neither). */
    private Handle(Fd fd, Entry entry, boolean owned) {
      this.fd = fd;
      this.entry = entry;
      this.owned = owned;
      if (entry != null) {
        entry.pins++;
      }
    }

    Fd fd() {
      return fd;
    }

    /**
     * {@code /proc/self/fd/N/name}: a path the kernel resolves through this very directory, for
     * calls that only take a path; {@code name} "." is the directory itself.
     */
    String procPath(String name) {
      return "/proc/self/fd/" + fd.number() + "/" + name;
    }

    @Override
    public void close() {
      if (entry == null) {
        if (owned) {
          fd.close();
        }
        return;
      }
      entry.pins--;
      if (entry.evicted && entry.pins == 0) {
        entry.fd.close();
      }
    }
  }

  DirectoryHandles(Syscalls syscalls, Fd root) {
    this.syscalls = syscalls;
    this.root = root;
  }

  /**
   * Opens the directory {@code dir}. With {@code create}, missing directories are made (mode
   * 0755). With {@code followSymlinks} false, a symlink on the way fails with {@code ENOTDIR}
   * instead of being resolved inside the root.
   */
  Handle open(ContainerPath dir, boolean create, boolean followSymlinks) throws SyscallException {
    return open(dir.value(), create, followSymlinks);
  }

  /** Opens the directory that holds {@code entry}, as {@link #open} does. */
  Handle openParent(ContainerPath entry, boolean create, boolean followSymlinks)
      throws SyscallException {
    return open(parentOf(entry.value()), create, followSymlinks);
  }

  /** The parent of a clean absolute path, by string: it is clean too, no need to clean again. */
  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private Handle open(String dir, boolean create, boolean followSymlinks)
      throws SyscallException {
    if (dir.equals("/")) {
      return new Handle(root, null, false);
    }
    Entry cached = cache.get(dir);
    if (cached != null) {
      return new Handle(cached.fd, cached, false);
    }
    String ancestor = dir;
    Entry start = null;
    do {
      ancestor = parentOf(ancestor);
      start = ancestor.equals("/") ? null : cache.get(ancestor);
    } while (start == null && !ancestor.equals("/"));
    Handle parent = start == null ? new Handle(root, null, false)
        : new Handle(start.fd, start, false);
    try {
      int from = ancestor.equals("/") ? 1 : ancestor.length() + 1;
      while (from <= dir.length()) {
        int end = dir.indexOf('/', from);
        if (end < 0) {
          end = dir.length();
        }
        String name = dir.substring(from, end);
        Fd child;
        try {
          child = openChild(parent.fd, name, create);
        } catch (SyscallException e) {
          if (!followSymlinks || !(e.is(Errno.ENOTDIR) || e.is(Errno.ELOOP))) {
            throw e;
          }
          // A symlink (or a file) on the way: let the kernel resolve the rest inside the root.
          // The result is not cached, since the symlink may be replaced by a later entry.
          return new Handle(syscalls.openInRoot(root, ContainerPath.of(dir), O_PATH | O_DIRECTORY,
              create ? InRootCreate.DIRECTORY : InRootCreate.NONE), null, true);
        }
        Entry entry = new Entry(child);
        cache.put(dir.substring(0, end), entry);
        parent.close();
        parent = new Handle(child, entry, false);
        evict();
        from = end + 1;
      }
      Handle result = parent;
      parent = null;
      return result;
    } finally {
      if (parent != null) {
        parent.close();
      }
    }
  }

  private Fd openChild(Fd parent, String name, boolean create) throws SyscallException {
    try {
      return syscalls.openat(parent, name, O_PATH | O_DIRECTORY | O_NOFOLLOW, 0);
    } catch (SyscallException e) {
      if (!create || !e.is(Errno.ENOENT)) {
        throw e;
      }
    }
    // A parent the layer has no entry for gets the usual 0755; an entry's own mode comes later.
    syscalls.mkdirat(parent, name, 0755);
    return syscalls.openat(parent, name, O_PATH | O_DIRECTORY | O_NOFOLLOW, 0);
  }

  /** Forgets {@code path} and everything below it, after it was removed or replaced. */
  void invalidate(ContainerPath path) {
    String prefix = path.isRoot() ? "/" : path.value() + "/";
    Iterator<Map.Entry<String, Entry>> it = cache.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Entry> e = it.next();
      if (e.getKey().equals(path.value()) || e.getKey().startsWith(prefix)) {
        it.remove();
        release(e.getValue());
      }
    }
  }

  private void evict() {
    Iterator<Entry> it = cache.values().iterator();
    while (cache.size() > CAPACITY && it.hasNext()) {
      Entry e = it.next();
      if (e.pins == 0) {
        it.remove();
        release(e);
      }
    }
  }

  private static void release(Entry e) {
    e.evicted = true;
    if (e.pins == 0) {
      e.fd.close();
    }
  }

  @Override
  public void close() {
    cache.values().forEach(DirectoryHandles::release);
    cache.clear();
  }
}
