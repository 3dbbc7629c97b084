package io.jcrun.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/** An exclusive lock on one container's state, held until closed. */
public final class ContainerLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  ContainerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public boolean isHeld() {
    return lock.isValid();
  }

  /** Closing the channel releases the lock. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("unlock container state", e);
    }
  }
}
