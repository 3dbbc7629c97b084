package io.jcrun.image.store;

import io.jcrun.image.Digest;
import java.nio.file.Path;

/**
 * Where everything lives under a store root:
 *
 * <pre>
 * ROOT/lock                          the store lock (fcntl), held briefly around changes
 * ROOT/images.json                   images by manifest digest, with their names
 * ROOT/blobs/ALG/HEX                 manifests, configs and layer blobs, by digest
 * ROOT/layers/ALG/HEX/diff/          a layer unpacked in overlay format, by diff id
 * ROOT/layers/ALG/HEX/layer.json     what unpacking it found (size, root attributes, opaque root)
 * ROOT/empty/                        the lower dir of an image without layers
 * ROOT/holds/ID                      an image digest a container uses (prune keeps it)
 * ROOT/mounts/ID/{upper,work}/       a container's overlay upper and work dirs
 * ROOT/tmp/ID/, ROOT/tmp/ID.lease    staging of one operation, and its lease (locked while alive)
 * </pre>
 */
public record StoreLayout(Path root) {

  public Path lockFile() {
    return root.resolve("lock");
  }

  public Path imagesFile() {
    return root.resolve("images.json");
  }

  public Path blobs() {
    return root.resolve("blobs");
  }

  public Path blob(Digest digest) {
    return blobs().resolve(digest.algorithm()).resolve(digest.hex());
  }

  public Path layers() {
    return root.resolve("layers");
  }

  public Path layer(Digest diffId) {
    return layers().resolve(diffId.algorithm()).resolve(diffId.hex());
  }

  public Path layerDiff(Digest diffId) {
    return layer(diffId).resolve("diff");
  }

  public Path layerInfo(Digest diffId) {
    return layer(diffId).resolve("layer.json");
  }

  public Path emptyLayer() {
    return root.resolve("empty");
  }

  public Path holds() {
    return root.resolve("holds");
  }

  public Path hold(String holder) {
    return holds().resolve(holder);
  }

  public Path mounts() {
    return root.resolve("mounts");
  }

  public Path mount(String holder) {
    return mounts().resolve(holder);
  }

  public Path tmp() {
    return root.resolve("tmp");
  }
}
