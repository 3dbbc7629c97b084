package io.jcrun.image.layer;

import io.jcrun.linux.ContainerPath;

/**
 * One change a layer makes to the filesystem below it, classified from a tar entry. Paths are
 * already cleaned into the layer's root; they still must be resolved safely (an earlier entry can
 * have planted a symlink on the way).
 */
public sealed interface LayerChange {
  ContainerPath path();

  /** A directory; an existing one keeps its content and takes the new attributes. */
  record AddDirectory(ContainerPath path, FileMetadata meta) implements LayerChange {}

  /** A regular file of {@code size} bytes, read from the layer's tar right after this change. */
  record AddFile(ContainerPath path, FileMetadata meta, long size) implements LayerChange {}

  /** A symlink; {@code target} is stored as is and never followed while applying. */
  record AddSymlink(ContainerPath path, String target, FileMetadata meta) implements LayerChange {}

  /** A hard link to {@code target}, which must already exist in the same layer. */
  record AddHardlink(ContainerPath path, ContainerPath target) implements LayerChange {}

  /** A character or block device node. */
  record AddDevice(ContainerPath path, boolean block, int major, int minor, FileMetadata meta)
      implements LayerChange {}

  /** A named pipe. */
  record AddFifo(ContainerPath path, FileMetadata meta) implements LayerChange {}

  /** {@code .wh.<name>}: {@code path} is deleted from the layers below. */
  record Whiteout(ContainerPath path) implements LayerChange {}

  /** {@code .wh..wh..opq}: the directory {@code path} hides what the layers below hold in it. */
  record OpaqueWhiteout(ContainerPath path) implements LayerChange {}
}
