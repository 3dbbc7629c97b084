package io.jcrun.image.store;

import io.jcrun.image.BlobVerificationException;
import io.jcrun.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Passes a stream through while hashing and counting it and reporting progress. Reading more
 * than {@code limit} bytes fails at once, so a blob larger than its descriptor cannot fill the
 * disk.
 */
public final class HashingInputStream extends InputStream {
  private final InputStream in;
  private final String algorithm;
  private final MessageDigest md;
  private final long limit;
  private final String subject;
  private final LongConsumer progress;
  private long count;
  private Digest digest;

  /**
   * @param limit the most bytes allowed, or -1
   * @param subject what the stream is, for messages: {@code blob sha256:...}
   * @param progress told of each chunk read, or null
   */
  public HashingInputStream(InputStream in, String algorithm, long limit, String subject,
      LongConsumer progress) {
    this.in = in;
    this.algorithm = algorithm;
    this.md = Digest.newMessageDigest(algorithm);
    this.limit = limit;
    this.subject = subject;
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n <= 0) {
      return n;
    }
    count += n;
    if (limit >= 0 && count > limit) {
      throw new BlobVerificationException(subject + ": larger than the " + limit
          + " bytes its descriptor says");
    }
    md.update(b, off, n);
    if (progress != null) {
      progress.accept(n);
    }
    return n;
  }

  /** Reads to the end, so the hash covers everything the source holds. */
  public void drain() throws IOException {
    byte[] scratch = new byte[1 << 16];
    while (read(scratch, 0, scratch.length) >= 0) {
      // hashing happens in read
    }
  }

  /** The digest of everything read; call once, after the end was reached. */
  public Digest digest() {
    if (digest == null) {
      digest = Digest.of(algorithm, md.digest());
    }
    return digest;
  }

  public long count() {
    return count;
  }

  /** Checks size and digest against what describes the blob; null means "not known". */
  public void verify(Digest expected, long expectedSize) throws BlobVerificationException {
    if (expectedSize >= 0 && count != expectedSize) {
      throw new BlobVerificationException(subject + ": expected " + expectedSize + " bytes, got "
          + count + " (truncated?)");
    }
    if (expected != null && !digest().equals(expected)) {
      throw new BlobVerificationException(subject + ": content has digest " + digest()
          + ", expected " + expected);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
