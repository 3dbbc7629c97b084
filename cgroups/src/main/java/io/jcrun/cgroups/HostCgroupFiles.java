package io.jcrun.cgroups;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** {@link CgroupFiles} through the JDK's file system. Stateless. */
final class HostCgroupFiles implements CgroupFiles {
  static final HostCgroupFiles INSTANCE = new HostCgroupFiles();

  private HostCgroupFiles() {}

  @Override
  public String read(Path file) throws CgroupException {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw CgroupException.of("read " + file, e);
    }
  }

  @Override
  public void write(Path file, String value) throws CgroupException {
    // cgroupfs takes one value per write(2) (one pid, one device rule), so the bytes go in one
    // call; O_TRUNC as runc opens them, without O_CREAT: a missing file is an error.
    ByteBuffer bytes = ByteBuffer.wrap(value.getBytes(UTF_8));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw CgroupException.of("write \"" + value + "\" to " + file, e);
    }
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public boolean mkdir(Path dir) throws CgroupException {
    try {
      Files.createDirectory(dir);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw CgroupException.of("mkdir " + dir, e);
    }
  }

  @Override
  public void rmdir(Path dir) throws CgroupException {
    try {
      Files.delete(dir);
    } catch (IOException e) {
      throw CgroupException.of("rmdir " + dir, e);
    }
  }

  @Override
  public List<Path> subdirectories(Path dir) throws CgroupException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException e) {
      throw CgroupException.of("list " + dir, e);
    }
  }

  @Override
  public List<String> entries(Path dir) throws CgroupException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw CgroupException.of("list " + dir, e);
    }
  }
}
