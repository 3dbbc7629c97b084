package io.jcrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** Image archives built by the tests from a rootfs, without any engine. */
final class ImageArchives {
  private ImageArchives() {}

  /**
   * A {@code docker save} archive (manifest.json, a config and one layer tar) of {@code rootfs},
   * named {@code reference}.
   */
  static Path dockerSave(Path dir, Path rootfs, String reference) throws Exception {
    Files.createDirectories(dir);
    Path layer = dir.resolve("layer.tar");
    Engine.Result tar = Engine.run(dir, List.of(), "tar", "-C", rootfs.toString(), "-cf",
        layer.toString(), ".");
    assertEquals(0, tar.status(), tar.toString());
    String diffId = "sha256:" + sha256(layer);
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}";
    Files.writeString(dir.resolve("config.json"), config);
    String configName = sha256(dir.resolve("config.json")) + ".json";
    Files.move(dir.resolve("config.json"), dir.resolve(configName));
    Files.writeString(dir.resolve("manifest.json"), "[{\"Config\":\"" + configName
        + "\",\"RepoTags\":[\"" + reference + "\"],\"Layers\":[\"layer.tar\"]}]");
    Path archive = dir.resolve("image.tar");
    Engine.Result pack = Engine.run(dir, List.of(), "tar", "-cf", archive.toString(),
        "manifest.json", configName, "layer.tar");
    assertEquals(0, pack.status(), pack.toString());
    return archive;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }
}
