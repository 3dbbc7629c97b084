package io.jcrun.image.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.layer.TreeRemoval;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one running operation (an import, an unpack) keeps from prune: its staging dir {@code
 * tmp/ID/} and the digests listed in {@code tmp/ID.lease}. The lease names its process by pid and
 * start time, so the lease of a process that died is recognised as stale, whatever pid reuse did.
 * Create and extend it under the store lock; closing deletes the staging dir.
 */
public final class Lease implements AutoCloseable {
  private static final String SUFFIX = ".lease";

  private final Path file;
  private final Path dir;
  private final Set<Digest> protectedDigests = new LinkedHashSet<>();

  private Lease(Path file, Path dir) {
    this.file = file;
    this.dir = dir;
  }

  /** Creates a lease and its empty staging dir; hold the store lock. */
  public static Lease create(StoreLayout layout) throws ImageException {
    String id = UUID.randomUUID().toString().replace("-", "");
    Lease lease = new Lease(layout.tmp().resolve(id + SUFFIX), layout.tmp().resolve(id));
    try {
      Files.createDirectories(layout.tmp());
      Files.createDirectory(lease.dir);
      lease.write();
      return lease;
    } catch (IOException e) {
      lease.close();
      throw new ImageException("create lease in " + layout.tmp() + ": " + IoFailure.describe(e),
          e);
    }
  }

  /** The staging dir; on the store's filesystem, so its content can be renamed into place. */
  public Path dir() {
    return dir;
  }

  /** Adds digests prune must keep while this lease lives; hold the store lock. */
  public void protect(Collection<Digest> digests) throws ImageException {
    if (protectedDigests.addAll(digests)) {
      try {
        write();
      } catch (IOException e) {
        throw new ImageException("write lease " + file + ": " + IoFailure.describe(e), e);
      }
    }
  }

  private void write() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    StringBuilder sb = new StringBuilder();
    sb.append(self.pid()).append(' ').append(startMillis(self)).append('\n');
    protectedDigests.forEach(d -> sb.append(d).append('\n'));
    AtomicWrite.write(file, sb.toString().getBytes(UTF_8));
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  /** Deletes the staging dir and the lease file. */
  @Override
  public void close() {
    try {
      TreeRemoval.remove(dir);
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind, it is stale once this process exits, and prune removes it.
    }
  }

  /**
   * The digests protected by leases of live processes. Leases of dead processes are deleted with
   * their staging dirs when {@code removeStale}; hold the store lock.
   */
  public static Set<Digest> live(StoreLayout layout, boolean removeStale) throws IOException {
    Set<Digest> out = new HashSet<>();
    if (!Files.isDirectory(layout.tmp())) {
      return out;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.tmp())) {
      entries.forEach(files::add);
    }
    for (Path p : files) {
      String name = p.getFileName().toString();
      if (name.endsWith(SUFFIX)) {
        List<String> lines;
        try {
          lines = Files.readAllLines(p, UTF_8);
        } catch (NoSuchFileException e) {
          continue; // its operation just finished
        }
        if (isLive(lines)) {
          lines.stream().skip(1).filter(Digest::isDigest).map(Digest::parse).forEach(out::add);
        } else if (removeStale) {
          String id = name.substring(0, name.length() - SUFFIX.length());
          TreeRemoval.remove(layout.tmp().resolve(id));
          Files.deleteIfExists(p);
        }
      } else if (removeStale && !Files.exists(layout.tmp().resolve(name + SUFFIX))) {
        TreeRemoval.remove(p); // a staging dir whose lease is gone
      }
    }
    return out;
  }

  private static boolean isLive(List<String> lines) {
    if (lines.isEmpty()) {
      return false;
    }
    String[] owner = lines.getFirst().split(" ");
    try {
      long pid = Long.parseLong(owner[0]);
      long start = Long.parseLong(owner[1]);
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      return process.isPresent() && startMillis(process.get()) == start;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
