package io.jcrun.image.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.image.BlobVerificationException;
import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.image.layer.Compression;
import io.jcrun.image.layer.FileMetadata;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.image.layer.LayerApplier;
import io.jcrun.image.layer.LayerReader;
import io.jcrun.image.layer.LayerStats;
import io.jcrun.image.layer.TarReader;
import io.jcrun.image.layer.WhiteoutMode;
import io.jcrun.linux.Syscalls;
import io.jcrun.overlayfs.OverlayWhiteouts;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.function.LongConsumer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The unpacked layers, one overlay-format directory per diff id shared by every image and
 * container. A layer is unpacked into a staging dir and renamed into place whole, with its
 * {@code layer.json} written last, so a layer directory that exists is complete.
 */
public final class LayerCache {
  private final StoreLayout layout;
  private final Syscalls syscalls;
  private final OverlayWhiteouts whiteouts;

  public LayerCache(StoreLayout layout, Syscalls syscalls) {
    this.layout = layout;
    this.syscalls = syscalls;
    this.whiteouts = new OverlayWhiteouts(syscalls, false);
  }

  public boolean contains(Digest diffId) {
    return Files.isRegularFile(layout.layerInfo(diffId));
  }

  /** The unpacked tree of a layer: an overlay lower dir. */
  public Path diffDir(Digest diffId) {
    return layout.layerDiff(diffId);
  }

  public LayerInfo info(Digest diffId) throws ImageException {
    Path file = layout.layerInfo(diffId);
    try {
      return SpecMapper.read(file, LayerInfo.class);
    } catch (SpecException e) {
      throw new ImageException("read layer " + diffId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Unpacks the layer blob read from {@code blob} into {@code staging} (created here, on the
   * store's filesystem), checks that its uncompressed content has digest {@code diffId}, and
   * writes its {@code layer.json}. The caller verifies the blob stream itself.
   */
  public LayerInfo unpack(InputStream blob, Path staging, Digest diffId, Digest blobDigest)
      throws IOException {
    Path diff = staging.resolve("diff");
    Files.createDirectories(diff);
    // The decompressor is closed here (freeing the inflater's native memory); the blob stream
    // stays open, since the caller reads it to the end to verify it.
    InputStream unclosable = new FilterInputStream(blob) {
      @Override
      public void close() {}
    };
    LayerStats stats;
    FileMetadata root;
    HashingInputStream tar;
    try (InputStream decompressed = Compression.decompress(unclosable);
        LayerApplier applier = new LayerApplier(syscalls, diff, WhiteoutMode.OVERLAY,
            whiteouts)) {
      tar = new HashingInputStream(decompressed, diffId.algorithm(), -1, "layer " + diffId,
          null);
      LayerReader reader = new LayerReader(new TarReader(tar));
      stats = applier.apply(reader);
      reader.drain();
      root = applier.rootMetadata();
    }
    if (!tar.digest().equals(diffId)) {
      throw new BlobVerificationException("layer " + (blobDigest == null ? diffId : blobDigest)
          + ": its content has diff id " + tar.digest() + ", the image config says " + diffId);
    }
    LayerInfo info = new LayerInfo(diffId.toString(),
        blobDigest == null ? null : blobDigest.toString(), stats.entries(), stats.bytes(),
        stats.opaqueRoot(), root == null ? null : root.mode(), root == null ? null : root.uid(),
        root == null ? null : root.gid(), Instant.now().toString());
    AtomicWrite.write(staging.resolve("layer.json"), SpecMapper.writePretty(info)
        .getBytes(UTF_8));
    return info;
  }

  /** What reading a layer blob found. */
  public record BlobRead(Digest digest, long size, Compression compression) {}

  /**
   * Reads a layer blob once, from start to end: hashes and counts it against {@code expected}
   * and {@code expectedSize} (null and -1 when unknown), and unpacks it into {@code staging}
   * when not null. When the blob does not match, that is the
   * error reported, even if the tar or the decompressor broke first (as a truncated blob makes
   * them do).
   */
  public BlobRead readBlob(InputStream raw, Digest expected, long expectedSize, Digest diffId,
      Path staging, LongConsumer progress) throws IOException {
    String subject = "blob " + (expected != null ? expected : "of layer " + diffId);
    HashingInputStream blob = new HashingInputStream(raw,
        expected != null ? expected.algorithm() : "sha256", expectedSize, subject, progress);
    BufferedInputStream buffered = new BufferedInputStream(blob, 1 << 16);
    Compression compression;
    try {
      compression = Compression.detect(buffered);
      if (staging != null) {
        unpack(buffered, staging, diffId, expected);
      }
      blob.drain();
    } catch (IOException | RuntimeException e) {
      try {
        blob.drain();
        blob.verify(expected, expectedSize);
      } catch (BlobVerificationException mismatch) {
        mismatch.addSuppressed(e);
        throw mismatch;
      } catch (IOException ignored) {
        // the original error explains it
      }
      throw e;
    }
    blob.verify(expected, expectedSize);
    if (expected == null && compression == Compression.NONE && !blob.digest().equals(diffId)) {
      // Nothing named this blob's digest (docker save); an uncompressed layer's is its diff id.
      throw new BlobVerificationException(subject + ": content has digest " + blob.digest()
          + ", the image config says " + diffId);
    }
    return new BlobRead(blob.digest(), blob.count(), compression);
  }

  /**
   * Renames a staged layer into place; hold the store lock. Returns false when another
   * operation put the same layer there first (the staged copy stays for its lease to remove).
   */
  public boolean commit(Path staging, Digest diffId) throws ImageException {
    Path target = layout.layer(diffId);
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        return false;
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      return false;
    } catch (AtomicMoveNotSupportedException e) {
      throw new ImageException("store layer " + diffId + ": " + staging + " and " + target
          + " are not on one filesystem", e);
    } catch (IOException e) {
      throw new ImageException("store layer " + diffId + ": " + IoFailure.describe(e), e);
    }
  }
}
