package io.jcrun.image.store;

import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store-wide exclusive lock: an in-process lock for threads, then an fcntl lock on the lock
 * file for other processes. It is held only around short changes (committing an import,
 * updating names, prune), never while layers unpack.
 */
public final class StoreLock {
  private final Path file;
  private final ReentrantLock local = new ReentrantLock();
  private FileChannel channel;
  private FileLock lock;

  public StoreLock(Path file) {
    this.file = file;
  }

  /** Blocks until the lock is held; close the result to release it. Reentrant per thread. */
  public Held acquire() throws ImageException {
    local.lock();
    if (local.getHoldCount() > 1) {
      return new Held();
    }
    try {
      createRoot(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        try {
          lock = channel.lock();
          break;
        } catch (OverlappingFileLockException e) {
          // Another store object in this JVM holds it: the JDK refuses to wait on a lock the
          // process already has, so poll until it is released.
          Thread.sleep(5);
        }
      }
      return new Held();
    } catch (IOException | InterruptedException e) {
      closeQuietly();
      local.unlock();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ImageException("lock image store " + file.getParent() + ": "
          + (e instanceof IOException io ? IoFailure.describe(io) : "interrupted"), e);
    }
  }

  /**
   * Creates the store root owner-only (0700), as Docker does with its root: the layers hold
   * setuid binaries and files of container users, which no other host user may reach.
   */
  private static void createRoot(Path root) throws IOException {
    if (Files.isDirectory(root)) {
      return;
    }
    Files.createDirectories(root.getParent());
    try {
      Files.createDirectory(root,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // made meanwhile by another process
    }
  }

  private void closeQuietly() {
    try {
      if (channel != null) {
        channel.close(); // releases the fcntl lock too
      }
    } catch (IOException e) {
      // the descriptor is gone either way
    }
    channel = null;
    lock = null;
  }

  /** The lock while held. */
  public final class Held implements AutoCloseable {
    private Held() {}

    @Override
    public void close() {
      if (local.getHoldCount() == 1) {
        closeQuietly();
      }
      local.unlock();
    }
  }
}
