package io.jcrun.image;

import java.nio.file.Path;

/** A second process for {@link CrossProcessImportTest}: loads LAYOUT into STORE, N times. */
public final class ConcurrentLoadMain {
  private ConcurrentLoadMain() {}

  public static void main(String[] args) throws Exception {
    ImageStore store = new ImageStore(Path.of(args[1]), new HostFilesystemSyscalls());
    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
      store.load(Path.of(args[0]), Platforms.parse("linux/amd64"), Progress.NONE);
      store.prune();
    }
  }
}
