package io.jcrun.image.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Images in use by containers, one file per holder ({@code holds/ID}, the image digest inside):
 * prune keeps held images, their blobs and layers, even after their names were removed.
 */
public final class Holds {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.+-]+");

  private final StoreLayout layout;

  public Holds(StoreLayout layout) {
    this.layout = layout;
  }

  /** Rejects holder ids that are not a plain file name, before any path is built from them. */
  public static String checkId(String holder) throws ImageException {
    if (!ID.matcher(holder).matches() || holder.equals(".") || holder.equals("..")) {
      throw new ImageException("hold image: holder \"" + holder + "\" does not match "
          + ID.pattern() + " (or is . or ..)");
    }
    return holder;
  }

  public void add(String holder, Digest image) throws ImageException {
    Path file = layout.hold(checkId(holder));
    try {
      AtomicWrite.write(file, (image + "\n").getBytes(UTF_8));
    } catch (IOException e) {
      throw new ImageException("hold image " + image + " for " + holder + ": "
          + IoFailure.describe(e), e);
    }
  }

  /** Returns whether the holder had a hold. */
  public boolean remove(String holder) throws ImageException {
    try {
      return Files.deleteIfExists(layout.hold(checkId(holder)));
    } catch (IOException e) {
      throw new ImageException("release image held by " + holder + ": " + IoFailure.describe(e),
          e);
    }
  }

  /** Holder id to image digest. */
  public Map<String, Digest> all() throws ImageException {
    Map<String, Digest> out = new LinkedHashMap<>();
    if (!Files.isDirectory(layout.holds())) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.holds(), "[!.]*")) {
      for (Path f : files) {
        try {
          out.put(f.getFileName().toString(), Digest.parse(Files.readString(f, UTF_8).trim()));
        } catch (NoSuchFileException e) {
          // released meanwhile
        } catch (IllegalArgumentException e) {
          throw new ImageException("read hold " + f + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new ImageException("read holds in " + layout.holds() + ": " + IoFailure.describe(e),
          e);
    }
    return out;
  }
}
