package io.jcrun.linux;

/** What {@link ContainerSyscalls#openInRoot} creates when the path, or part of it, is missing. */
public enum InRootCreate {
  /** Nothing: a missing path fails with {@code ENOENT}. */
  NONE,
  /** Missing parents and the last component as directories ({@code mkdir -p}). */
  DIRECTORY,
  /** Missing parents as directories and the last component as an empty regular file. */
  FILE
}
