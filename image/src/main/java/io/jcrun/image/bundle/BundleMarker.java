package io.jcrun.image.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.store.AtomicWrite;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code .jcrun-image.json} in a bundle made from an image: what {@link BundleCleaner} must undo.
 * Written before anything is mounted, so even a half-made bundle can be cleaned up. Only the
 * holder id is trusted to build a path, after it is checked.
 */
record BundleMarker(String image, String holder, boolean createdDir, String storeRoot) {
  static final String FILE = ".jcrun-image.json";

  static Path file(Path bundleDir) {
    return bundleDir.resolve(FILE);
  }

  void write(Path bundleDir) throws ImageException {
    try {
      AtomicWrite.write(file(bundleDir), (SpecMapper.writePretty(this) + "\n").getBytes(UTF_8));
    } catch (IOException e) {
      throw new ImageException("write " + file(bundleDir) + ": " + IoFailure.describe(e), e);
    }
  }

  static Optional<BundleMarker> read(Path bundleDir) throws ImageException {
    Path file = file(bundleDir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SpecMapper.read(file, BundleMarker.class));
    } catch (SpecException e) {
      throw new ImageException("read " + file + ": " + e.getMessage(), e);
    }
  }
}
