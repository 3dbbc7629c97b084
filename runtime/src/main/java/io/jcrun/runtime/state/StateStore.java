package io.jcrun.runtime.state;

import io.jcrun.runtime.JcrunException;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import io.jcrun.spec.json.GoJson;
import io.jcrun.spec.json.RecordJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One directory per container under the runtime root: created with an atomic mkdir (which
 * fails if the id exists), {@code state.json} replaced atomically (temp file, fsync, rename),
 * and a lock file so concurrent verbs on one id serialise.
 */
public final class StateStore {
  public static final String STATE_FILE = "state.json";
  public static final String EXEC_FIFO = "exec.fifo";
  private static final String EXEC_FILE = "exec.json";
  private static final String LOCK_FILE = "lock";

  private final Path root;

  public StateStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path dir(ContainerId id) {
    return root.resolve(id.value());
  }

  /** Creates the container's directory; fails if the id is taken. */
  public Path create(ContainerId id) throws JcrunException {
    Path dir = dir(id);
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      // 0711: a user-namespaced init reaches exec.fifo through an fd of this directory.
      Files.createDirectory(dir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      return dir;
    } catch (FileAlreadyExistsException e) {
      throw new ContainerExistsException(id);
    } catch (IOException e) {
      throw new JcrunException("create state directory " + dir + ": " + reason(e), e);
    }
  }

  public boolean exists(ContainerId id) {
    return Files.isDirectory(dir(id));
  }

  public ContainerState load(ContainerId id) throws JcrunException {
    return find(id).orElseThrow(() -> new ContainerNotFoundException(id));
  }

  /** The saved state, or empty when the container has none (absent, or created only halfway). */
  public java.util.Optional<ContainerState> find(ContainerId id) throws JcrunException {
    Path file = dir(id).resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(StateJson.read(Files.readString(file)));
    } catch (NoSuchFileException e) {
      return java.util.Optional.empty(); // deleted since the check
    } catch (IOException e) {
      throw new JcrunException("read " + file + ": " + reason(e), e);
    }
  }

  /** The part of the config only exec needs, saved once by create. */
  public ExecBase execBase(ContainerId id) throws JcrunException {
    Path file = dir(id).resolve(EXEC_FILE);
    try {
      return SpecMapper.read(file, ExecBase.class);
    } catch (SpecException e) {
      throw new JcrunException("read " + file + ": " + e.getMessage(), e);
    }
  }

  public void saveExecBase(ContainerId id, ExecBase base) throws JcrunException {
    replace(dir(id), EXEC_FILE, GoJson.compact(RecordJson.tree(base)));
  }

  public void save(ContainerState state) throws JcrunException {
    replace(root.resolve(state.id()), STATE_FILE, StateJson.write(state));
  }

  /** Replaces {@code dir/name} atomically: a reader sees the old or the new file, whole. */
  private static void replace(Path dir, String name, String content) throws JcrunException {
    Path tmp = dir.resolve("." + name + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new JcrunException("write " + dir.resolve(name) + ": " + reason(e), e);
    }
  }

  /** Removes the container's directory and everything in it; a missing one is fine. */
  public void delete(ContainerId id) throws JcrunException {
    Path dir = dir(id);
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new JcrunException("remove state directory " + dir + ": " + reason(e), e);
    }
  }

  /** The ids of the containers under the root, sorted; a missing root is empty. */
  public List<ContainerId> list() throws JcrunException {
    List<ContainerId> ids = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return ids;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        if (Files.exists(d.resolve(STATE_FILE))) {
          ids.add(ContainerId.of(d.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new JcrunException("list " + root + ": " + reason(e), e);
    }
    ids.sort(Comparator.comparing(ContainerId::value));
    return ids;
  }

  /**
   * Locks the container against other jcrun processes until closed. Fails with "does not
   * exist" when the directory is gone, also if it went while we waited for the lock.
   */
  public ContainerLock lock(ContainerId id) throws JcrunException {
    Path dir = dir(id);
    if (!Files.isDirectory(dir)) {
      throw new ContainerNotFoundException(id);
    }
    try {
      FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      ContainerLock lock = new ContainerLock(ch, ch.lock());
      if (!Files.isDirectory(dir)) {
        lock.close();
        throw new ContainerNotFoundException(id);
      }
      return lock;
    } catch (NoSuchFileException e) {
      throw new ContainerNotFoundException(id);
    } catch (IOException e) {
      throw new JcrunException("lock " + dir + ": " + reason(e), e);
    }
  }

  static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
