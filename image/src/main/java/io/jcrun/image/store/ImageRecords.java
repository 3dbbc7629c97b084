package io.jcrun.image.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code images.json}: every image in the store by manifest digest, with its names, platform and
 * load time. Read and replace it under the store lock; it is replaced atomically.
 */
public final class ImageRecords {
  /** One image. {@code names} are references such as {@code busybox:latest}; maybe none. */
  public record Entry(String digest, List<String> names, String platform, String loaded) {
    public Entry {
      names = List.copyOf(names);
    }
  }

  /** The file's JSON shape. */
  public record Document(List<Entry> images) {}

  private final Path file;

  public ImageRecords(Path file) {
    this.file = file;
  }

  public List<Entry> read() throws ImageException {
    byte[] json;
    try {
      json = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new ImageException("read " + file + ": " + IoFailure.describe(e), e);
    }
    try {
      Document document = SpecMapper.read(json, Document.class);
      return document.images() == null ? List.of() : List.copyOf(document.images());
    } catch (SpecException e) {
      throw new ImageException("read " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(List<Entry> entries) throws ImageException {
    try {
      AtomicWrite.write(file, (SpecMapper.writePretty(new Document(new ArrayList<>(entries)))
          + "\n").getBytes(UTF_8));
    } catch (IOException e) {
      throw new ImageException("write " + file + ": " + IoFailure.describe(e), e);
    }
  }
}
