package io.jcrun.image.load;

import io.jcrun.image.BlobVerificationException;
import io.jcrun.image.Digest;
import io.jcrun.image.ImageException;
import io.jcrun.image.layer.IoFailure;
import io.jcrun.spec.SpecException;
import io.jcrun.spec.SpecMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/**
 * Reads the small JSON documents of an archive (index, manifests, configs) with a size cap, and
 * checks a blob's bytes against its digest before a byte of it is parsed.
 */
final class JsonBlobs {
  /** Far above any real manifest or config; keeps a hostile archive from exhausting memory. */
  static final long MAX_JSON = 16L << 20;

  private JsonBlobs() {}

  static byte[] read(LayoutDirectory dir, String name) throws ImageException {
    try (InputStream in = dir.open(name)) {
      byte[] data = in.readNBytes((int) MAX_JSON + 1);
      if (data.length > MAX_JSON) {
        throw new ImageException(name + ": larger than " + MAX_JSON + " bytes");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw new ImageException(name + ": not in the archive");
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(name + ": " + IoFailure.describe(e), e);
    }
  }

  /** The blob {@code digest}, checked against the digest and, when known, the size. */
  static byte[] readBlob(LayoutDirectory dir, Digest digest, long size) throws ImageException {
    if (size > MAX_JSON) {
      throw new ImageException("blob " + digest + ": " + size + " bytes is too large for JSON");
    }
    byte[] data = read(dir, blobPath(digest));
    if (size >= 0 && data.length != size) {
      throw new BlobVerificationException("blob " + digest + ": expected " + size
          + " bytes, got " + data.length + " (truncated?)");
    }
    Digest actual = Digest.of(digest.algorithm(),
        digest.newMessageDigest().digest(data));
    if (!actual.equals(digest)) {
      throw new BlobVerificationException("blob " + digest + ": content has digest " + actual
          + ", expected " + digest);
    }
    return data;
  }

  static String blobPath(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  static <T> T parse(byte[] json, Class<T> type, String what) throws ImageException {
    try {
      return SpecMapper.read(json, type);
    } catch (SpecException e) {
      throw new ImageException(what + ": " + e.getMessage(), e);
    }
  }

  /** A descriptor's digest, parsed; a bad one is the archive's error, not a bug. */
  static Digest digest(String value, String what) throws ImageException {
    if (value == null) {
      throw new ImageException(what + ": no digest");
    }
    try {
      return Digest.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ImageException(what + ": " + e.getMessage());
    }
  }
}
