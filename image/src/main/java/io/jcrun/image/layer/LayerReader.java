package io.jcrun.image.layer;

import io.jcrun.image.LayerException;
import io.jcrun.image.layer.LayerChange.AddDevice;
import io.jcrun.image.layer.LayerChange.AddDirectory;
import io.jcrun.image.layer.LayerChange.AddFifo;
import io.jcrun.image.layer.LayerChange.AddFile;
import io.jcrun.image.layer.LayerChange.AddHardlink;
import io.jcrun.image.layer.LayerChange.AddSymlink;
import io.jcrun.image.layer.LayerChange.OpaqueWhiteout;
import io.jcrun.image.layer.LayerChange.Whiteout;
import io.jcrun.linux.ContainerPath;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * Turns a layer's tar entries into {@link LayerChange}s: names are cleaned lexically into the
 * layer root ({@code ../x} and {@code /x} both become {@code /x}), whiteout names become
 * whiteouts, and entries that can only be attacks or garbage (a whiteout of {@code ..}, a file
 * named like the root, ids out of range) are refused.
 */
public final class LayerReader {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  private static final long MAX_ID = 0xfffffffeL; // -1 means "unchanged" to chown(2)

  private final TarReader tar;

  public LayerReader(TarReader tar) {
    this.tar = tar;
  }

  /** The next change, or null at the end of the layer. */
  public LayerChange next() throws IOException {
    while (true) {
      TarEntry entry = tar.next();
      if (entry == null) {
        return null;
      }
      LayerChange change = classify(entry);
      if (change != null) {
        return change;
      }
    }
  }

  /** Copies the content of the last {@link AddFile} to {@code out}. */
  public long transferContent(WritableByteChannel out) throws IOException {
    return tar.transferTo(out);
  }

  /** Reads what follows the end of the archive, so a digest over the stream is complete. */
  public void drain() throws IOException {
    tar.drain();
  }

  private LayerChange classify(TarEntry e) throws LayerException {
    ContainerPath path = clean(e.name(), e.name());
    String base = path.fileName();
    if (base.startsWith(WHITEOUT_PREFIX)) {
      if (base.equals(OPAQUE)) {
        return new OpaqueWhiteout(path.parent());
      }
      String hidden = base.substring(WHITEOUT_PREFIX.length());
      if (hidden.startsWith(WHITEOUT_PREFIX)) {
        return null; // aufs metadata such as .wh..wh.plnk; Docker skips it too
      }
      if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
        throw refuse(e, "a whiteout of \"" + hidden + "\" names no entry");
      }
      return new Whiteout(path.parent().resolve(hidden));
    }
    if (path.isRoot() && e.type() != TarEntryType.DIRECTORY) {
      throw refuse(e, "only a directory can be the layer root");
    }
    return switch (e.type()) {
      case DIRECTORY -> new AddDirectory(path, meta(e));
      case REGULAR -> new AddFile(path, meta(e), e.size());
      case SYMLINK -> {
        if (e.linkName().isEmpty()) {
          throw refuse(e, "symlink without a target");
        }
        yield new AddSymlink(path, e.linkName(), meta(e));
      }
      case HARDLINK -> {
        if (e.linkName().isEmpty()) {
          throw refuse(e, "hard link without a target");
        }
        ContainerPath target = clean(e.linkName(), e.name());
        if (target.isRoot()) {
          throw refuse(e, "hard link to the layer root");
        }
        yield target.equals(path) ? null : new AddHardlink(path, target);
      }
      case CHAR_DEVICE, BLOCK_DEVICE -> new AddDevice(path,
          e.type() == TarEntryType.BLOCK_DEVICE, e.devMajor(), e.devMinor(), meta(e));
      case FIFO -> new AddFifo(path, meta(e));
    };
  }

  private static ContainerPath clean(String name, String entry) throws LayerException {
    try {
      return ContainerPath.of("/" + name);
    } catch (IllegalArgumentException ex) {
      throw new LayerException("apply layer entry " + entry + ": " + ex.getMessage());
    }
  }

  private static FileMetadata meta(TarEntry e) throws LayerException {
    if (e.uid() < 0 || e.uid() > MAX_ID || e.gid() < 0 || e.gid() > MAX_ID) {
      throw refuse(e, "owner " + e.uid() + ":" + e.gid() + " is out of range");
    }
    long atime = e.atimeNanos() < 0 ? e.mtimeNanos() : e.atimeNanos();
    return new FileMetadata(e.mode(), (int) e.uid(), (int) e.gid(), e.mtimeNanos(), atime,
        e.xattrs());
  }

  private static LayerException refuse(TarEntry e, String why) {
    return new LayerException("apply layer entry " + e.name() + ": " + why);
  }
}
