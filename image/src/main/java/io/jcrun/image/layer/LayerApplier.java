package io.jcrun.image.layer;

import static io.jcrun.linux.OpenFlags.O_DIRECTORY;
import static io.jcrun.linux.OpenFlags.O_PATH;
import static io.jcrun.linux.OpenFlags.S_IFBLK;
import static io.jcrun.linux.OpenFlags.S_IFCHR;

import io.jcrun.image.LayerException;
import io.jcrun.image.layer.DirectoryHandles.Handle;
import io.jcrun.image.layer.LayerChange.AddDevice;
import io.jcrun.image.layer.LayerChange.AddDirectory;
import io.jcrun.image.layer.LayerChange.AddFifo;
import io.jcrun.image.layer.LayerChange.AddFile;
import io.jcrun.image.layer.LayerChange.AddHardlink;
import io.jcrun.image.layer.LayerChange.AddSymlink;
import io.jcrun.image.layer.LayerChange.OpaqueWhiteout;
import io.jcrun.image.layer.LayerChange.Whiteout;
import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.Errno;
import io.jcrun.linux.Fd;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.overlayfs.OverlayWhiteouts;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a layer's changes to a root directory. Every path is resolved inside the root one
 * component at a time ({@link DirectoryHandles}), and the last component is never followed: files
 * are created with {@code O_EXCL}, links and nodes with the {@code *at} calls, attributes with
 * {@code AT_SYMLINK_NOFOLLOW}. Ownership, device nodes and xattrs go through {@link Syscalls};
 * file content goes through {@code java.nio} on {@code /proc/self/fd/N/name}, a path the kernel
 * resolves through the already-opened parent. Directory modes and times are set last, after
 * their content. One applier per layer; not thread-safe.
 */
public final class LayerApplier implements AutoCloseable {
  private static final Set<OpenOption> CREATE_FILE = Set.of(StandardOpenOption.CREATE_NEW,
      StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private final Syscalls syscalls;
  private final WhiteoutMode mode;
  private final OverlayWhiteouts whiteouts;
  private final Fd root;
  private final DirectoryHandles handles;
  private final EntryAttributes attributes;
  private final FileAttribute<?>[] permissions = new FileAttribute<?>[512];
  private final Map<String, FileMetadata> directories = new LinkedHashMap<>();
  private final Set<String> created = new HashSet<>();
  private FileMetadata rootMeta;
  private long entries;
  private long bytes;
  private long whiteoutCount;
  private boolean opaqueRoot;

  /** Opens {@code root}, which must be a directory this process alone writes to while applying. */
  public LayerApplier(Syscalls syscalls, Path root, WhiteoutMode mode, OverlayWhiteouts whiteouts)
      throws LayerException {
    this.syscalls = syscalls;
    this.mode = mode;
    this.whiteouts = whiteouts;
    try {
      this.root = syscalls.openat(Fd.CWD, root.toString(), O_PATH | O_DIRECTORY, 0);
    } catch (SyscallException e) {
      throw new LayerException("apply layer to " + root + ": " + e.getMessage(), e);
    }
    this.handles = new DirectoryHandles(syscalls, this.root);
    this.attributes = new EntryAttributes(syscalls);
  }

  /** Applies every change {@code reader} yields, then the deferred directory attributes. */
  public LayerStats apply(LayerReader reader) throws IOException {
    LayerChange change;
    while ((change = reader.next()) != null) {
      try {
        switch (change) {
          case AddDirectory d -> addDirectory(d);
          case AddFile f -> addFile(f, reader);
          case AddSymlink s -> addSymlink(s);
          case AddHardlink h -> addHardlink(h);
          case AddDevice d -> addNode(d.path(), d.meta(), d.block() ? S_IFBLK : S_IFCHR,
              d.major(), d.minor());
          case AddFifo f -> addNode(f.path(), f.meta(), 0, 0, 0);
          case Whiteout w -> whiteout(w.path());
          case OpaqueWhiteout o -> opaque(o.path());
        }
      } catch (LayerException e) {
        throw e;
      } catch (IOException e) {
        throw new LayerException("apply layer entry " + change.path() + ": "
            + IoFailure.describe(e), e);
      }
      entries++;
    }
    finishDirectories();
    return new LayerStats(entries, bytes, whiteoutCount, opaqueRoot);
  }

  /** The attributes of the layer's own root entry ({@code ./}), or null when it had none. */
  public FileMetadata rootMetadata() {
    return rootMeta;
  }

  private void addDirectory(AddDirectory d) throws IOException {
    if (d.path().isRoot()) {
      rootMeta = d.meta();
      try (Handle self = handles.open(d.path(), false, false)) {
        attributes.setOwner(self, ".", d.meta());
        attributes.setXattrs(self, ".", d.meta(), false);
      }
      directories.put("/", d.meta());
      return;
    }
    try (Handle parent = handles.openParent(d.path(), true, true)) {
      String name = d.path().fileName();
      try {
        syscalls.mkdirat(parent.fd(), name, 0700);
      } catch (SyscallException e) {
        if (!e.is(Errno.EEXIST)) {
          throw e;
        }
        if (!isDirectory(parent, name)) {
          removeExisting(parent, name, d.path());
          syscalls.mkdirat(parent.fd(), name, 0700);
        }
      }
      created(d.path());
      attributes.setOwner(parent, name, d.meta());
      attributes.setXattrs(parent, name, d.meta(), false);
      directories.remove(d.path().value()); // keep the map in entry order: the last one wins
      directories.put(d.path().value(), d.meta());
    }
  }

  private void addFile(AddFile f, LayerReader reader) throws IOException {
    try (Handle parent = handles.openParent(f.path(), true, true)) {
      String name = f.path().fileName();
      try (FileChannel channel = createFile(parent, name, f)) {
        bytes += reader.transferContent(channel);
      }
      created(f.path());
      attributes.finishNode(parent, name, f.meta());
    }
  }

  private FileChannel createFile(Handle parent, String name, AddFile f) throws IOException {
    Path path = Path.of(parent.procPath(name));
    try {
      return FileChannel.open(path, CREATE_FILE, permissions(f.meta().mode()));
    } catch (FileAlreadyExistsException e) {
      removeExisting(parent, name, f.path());
      return FileChannel.open(path, CREATE_FILE, permissions(f.meta().mode()));
    }
  }

  private void addSymlink(AddSymlink s) throws IOException {
    try (Handle parent = handles.openParent(s.path(), true, true)) {
      String name = s.path().fileName();
      try {
        syscalls.symlinkat(s.target(), parent.fd(), name);
      } catch (SyscallException e) {
        if (!e.is(Errno.EEXIST)) {
          throw e;
        }
        removeExisting(parent, name, s.path());
        syscalls.symlinkat(s.target(), parent.fd(), name);
      }
      created(s.path());
      attributes.setOwner(parent, name, s.meta());
      attributes.setXattrs(parent, name, s.meta(), true);
      attributes.setTimes(parent, name, s.meta());
    }
  }

  private void addHardlink(AddHardlink h) throws IOException {
    Handle target;
    try {
      target = handles.openParent(h.target(), false, true);
    } catch (SyscallException e) {
      if (e.is(Errno.ENOENT) || e.is(Errno.ENOTDIR)) {
        throw missingLinkTarget(h);
      }
      throw e;
    }
    try (target; Handle parent = handles.openParent(h.path(), true, true)) {
      String name = h.path().fileName();
      try {
        link(target, h, parent, name);
      } catch (SyscallException e) {
        if (!e.is(Errno.EEXIST)) {
          throw e;
        }
        removeExisting(parent, name, h.path());
        link(target, h, parent, name);
      }
      created(h.path());
    }
  }

  private void link(Handle target, AddHardlink h, Handle parent, String name)
      throws IOException {
    try {
      // flags 0: a symlink as target is linked itself, never followed
      syscalls.linkat(target.fd(), h.target().fileName(), parent.fd(), name);
    } catch (SyscallException e) {
      if (e.is(Errno.ENOENT)) {
        throw missingLinkTarget(h);
      }
      throw e;
    }
  }

  private static LayerException missingLinkTarget(AddHardlink h) {
    return new LayerException("apply layer entry " + h.path() + ": hard link target "
        + h.target() + " is not in this layer");
  }

  /** A device node ({@code type} S_IFCHR or S_IFBLK) or, with type 0, a fifo. */
  private void addNode(ContainerPath path, FileMetadata meta, int type, int major, int minor)
      throws IOException {
    try (Handle parent = handles.openParent(path, true, true)) {
      String name = path.fileName();
      try {
        makeNode(parent, name, meta, type, major, minor);
      } catch (SyscallException e) {
        if (!e.is(Errno.EEXIST)) {
          throw e;
        }
        removeExisting(parent, name, path);
        makeNode(parent, name, meta, type, major, minor);
      }
      created(path);
      attributes.finishNode(parent, name, meta);
    }
  }

  private void makeNode(Handle parent, String name, FileMetadata meta, int type, int major,
      int minor) throws SyscallException {
    if (type == 0) {
      syscalls.mkfifoat(parent.fd(), name, meta.mode());
    } else {
      syscalls.mknodat(parent.fd(), name, type | meta.mode(), major, minor);
    }
  }

  private void whiteout(ContainerPath path) throws IOException {
    whiteoutCount++;
    if (mode == WhiteoutMode.OVERLAY) {
      try (Handle parent = handles.openParent(path, true, true)) {
        whiteouts.createWhiteout(parent.fd(), path.fileName());
      } catch (SyscallException e) {
        // EEXIST: the layer has this path itself, which already hides the lower one; a whiteout
        // never hides content of its own layer (image-spec layer.md). ENOTDIR: a parent is a
        // file of this layer, which hides the whole lower tree (umoci writes such whiteouts
        // when a directory became a file).
        if (!e.is(Errno.EEXIST) && !e.is(Errno.ENOTDIR)) {
          throw e;
        }
      }
      return;
    }
    if (created.contains(path.value())) {
      return;
    }
    try (Handle parent = openExisting(path.parent())) {
      if (parent != null) {
        removeExisting(parent, path.fileName(), path);
      }
    }
  }

  private void opaque(ContainerPath path) throws IOException {
    if (mode == WhiteoutMode.OVERLAY) {
      opaqueRoot |= path.isRoot();
      try (Handle dir = handles.open(path, true, true)) {
        whiteouts.markOpaque(dir.procPath("."));
      } catch (SyscallException e) {
        if (!e.is(Errno.ENOTDIR)) {
          throw e; // ENOTDIR: a file of this layer hides the lower directory already
        }
      }
      return;
    }
    // Delete what the lower layers put here, whenever this layer's own entries came.
    try (Handle dir = openExisting(path)) {
      if (dir == null) {
        return;
      }
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> children = Files.newDirectoryStream(Path.of(dir.procPath(".")))) {
        children.forEach(child -> names.add(child.getFileName().toString()));
      }
      for (String name : names) {
        ContainerPath child = path.resolve(name);
        if (!created.contains(child.value())) {
          removeExisting(dir, name, child);
        }
      }
    }
  }

  private Handle openExisting(ContainerPath dir) throws SyscallException {
    try {
      return handles.open(dir, false, true);
    } catch (SyscallException e) {
      if (e.is(Errno.ENOENT) || e.is(Errno.ENOTDIR)) {
        return null;
      }
      throw e;
    }
  }

  private void created(ContainerPath path) {
    if (mode == WhiteoutMode.DELETE) {
      created.add(path.value());
    }
  }

  /**
   * Sets each directory's mode and times after all its content was written (writing into a
   * directory changes its mtime, and a read-only mode would stop the writes). A directory a later
   * entry replaced is skipped: it is resolved again without following symlinks.
   */
  private void finishDirectories() throws IOException {
    List<Map.Entry<String, FileMetadata>> dirs = new ArrayList<>(directories.entrySet());
    for (int i = dirs.size() - 1; i >= 0; i--) {
      ContainerPath path = ContainerPath.of(dirs.get(i).getKey());
      FileMetadata meta = dirs.get(i).getValue();
      Handle dir;
      try {
        dir = handles.open(path, false, false);
      } catch (SyscallException e) {
        if (e.is(Errno.ENOENT) || e.is(Errno.ENOTDIR) || e.is(Errno.ELOOP)) {
          continue;
        }
        throw new LayerException("apply layer entry " + path + ": " + e.getMessage(), e);
      }
      try (dir) {
        syscalls.fchmodat(dir.fd(), ".", meta.mode());
        syscalls.utimensat(dir.fd(), ".", meta.atimeNanos(), meta.mtimeNanos(), 0);
      } catch (SyscallException e) {
        throw new LayerException("apply layer entry " + path + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean isDirectory(Handle parent, String name) throws IOException {
    return Files.readAttributes(Path.of(parent.procPath(name)), BasicFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS).isDirectory();
  }

  /** Removes what is at {@code name}, a whole tree for a directory, without following links. */
  private void removeExisting(Handle parent, String name, ContainerPath path) throws IOException {
    Path target = Path.of(parent.procPath(name));
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(target, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    handles.invalidate(path);
    if (attributes.isDirectory()) {
      TreeRemoval.remove(target);
    } else {
      Files.delete(target);
    }
  }

  private FileAttribute<?> permissions(int mode) {
    int bits = mode & 0777;
    FileAttribute<?> attribute = permissions[bits];
    if (attribute == null) {
      attribute = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
          symbolic(bits)));
      permissions[bits] = attribute;
    }
    return attribute;
  }

  /** {@code rwxr-x---} for 0750. */
  private static String symbolic(int bits) {
    StringBuilder sb = new StringBuilder(9);
    for (int shift = 6; shift >= 0; shift -= 3) {
      sb.append((bits >> shift & 4) != 0 ? 'r' : '-');
      sb.append((bits >> shift & 2) != 0 ? 'w' : '-');
      sb.append((bits >> shift & 1) != 0 ? 'x' : '-');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    handles.close();
    root.close();
  }
}
