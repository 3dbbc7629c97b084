package io.jcrun.image.layer;

/** The kinds of tar entry a layer may hold, after long names and PAX headers are folded in. */
public enum TarEntryType {
  REGULAR,
  HARDLINK,
  SYMLINK,
  CHAR_DEVICE,
  BLOCK_DEVICE,
  DIRECTORY,
  FIFO
}
