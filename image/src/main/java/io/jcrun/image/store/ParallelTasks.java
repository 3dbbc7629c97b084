package io.jcrun.image.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent I/O tasks (layer unpacks) on up to one platform thread per CPU and waits for
 * all of them, so nothing still writes into a staging dir when the caller cleans it up. The first
 * failure is thrown, later ones added as suppressed; tasks not yet started are skipped.
 */
public final class ParallelTasks {
  /** A task that may fail with an I/O error. */
  @FunctionalInterface
  public interface Task {
    void run() throws IOException;
  }

  private ParallelTasks() {}

  public static void run(List<Task> tasks, String threadName) throws IOException {
    if (tasks.isEmpty()) {
      return;
    }
    if (tasks.size() == 1) {
      tasks.getFirst().run();
      return;
    }
    int threads = Math.min(tasks.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, threadName + "-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    AtomicBoolean failed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Task task : tasks) {
        futures.add(pool.submit(() -> {
          if (failed.get()) {
            return null;
          }
          try {
            task.run();
          } catch (IOException | RuntimeException e) {
            failed.set(true);
            throw e;
          }
          return null;
        }));
      }
      Throwable first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause();
          } else {
            first.addSuppressed(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for " + threadName + " tasks", e);
        }
      }
      switch (first) {
        case null -> {}
        case IOException io -> throw io;
        case RuntimeException re -> throw re;
        case Error error -> throw error;
        default -> throw new IOException(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
