package io.jcrun.image.zstd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder against frames made by the reference {@code zstd} CLI (when installed) at many
 * settings, and against frames built here byte by byte for the cases the CLI rarely emits.
 */
class ZstdInputStreamTest {
  @TempDir Path dir;

  static byte[] decompress(byte[] data) throws IOException {
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }

  static boolean hasZstdCli() {
    try {
      return new ProcessBuilder("zstd", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private byte[] compressWithCli(byte[] data, List<String> options, boolean viaStdin)
      throws Exception {
    Path input = dir.resolve("in");
    Path output = dir.resolve("out.zst");
    Files.write(input, data);
    Files.deleteIfExists(output);
    List<String> command = new ArrayList<>(List.of("zstd", "-q", "-f"));
    command.addAll(options);
    ProcessBuilder pb;
    if (viaStdin) {
      command.addAll(List.of("-c", "-"));
      pb = new ProcessBuilder(command).redirectInput(input.toFile())
          .redirectOutput(output.toFile());
    } else {
      command.addAll(List.of(input.toString(), "-o", output.toString()));
      pb = new ProcessBuilder(command);
    }
    Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertEquals(0, p.waitFor(), String.join(" ", command));
    return Files.readAllBytes(output);
  }

  /** Text-like data with repeats near and far, so every sequence feature is exercised. */
  static byte[] compressible(int size, long seed) {
    Random random = new Random(seed);
    String[] words = {"layer", "overlay", "whiteout", "digest", "sha256", "tar", "zstd", "jcrun",
        "container", "image", "\n", " ", "/usr/lib/", "0123456789"};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < size) {
      if (random.nextInt(50) == 0 && out.size() > 1000) {
        byte[] sofar = out.toByteArray();
        int from = random.nextInt(sofar.length - 500);
        out.write(sofar, from, 20 + random.nextInt(400));
      } else if (random.nextInt(100) == 0) {
        byte[] noise = new byte[random.nextInt(64)];
        random.nextBytes(noise);
        out.writeBytes(noise);
      } else {
        out.writeBytes(words[random.nextInt(words.length)].getBytes(UTF_8));
      }
    }
    return Arrays.copyOf(out.toByteArray(), size);
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static Stream<Arguments> cliSettings() {
    return Stream.of(
        Arguments.of("empty", new byte[0], List.of(), false),
        Arguments.of("one byte", new byte[] {42}, List.of(), false),
        Arguments.of("text level 1", compressible(300_000, 1), List.of("-1"), false),
        Arguments.of("text level 3", compressible(2_000_000, 2), List.of("-3"), false),
        Arguments.of("text level 9", compressible(1_000_000, 3), List.of("-9"), false),
        Arguments.of("text level 19", compressible(700_000, 4), List.of("-19"), false),
        Arguments.of("text ultra 22", compressible(400_000, 5), List.of("--ultra", "-22"), false),
        Arguments.of("text fast -5", compressible(500_000, 6), List.of("--fast=5"), false),
        Arguments.of("text streamed", compressible(3_000_000, 7), List.of("-3"), true),
        Arguments.of("text no checksum", compressible(200_000, 8), List.of("--no-check"), false),
        Arguments.of("long window", compressible(6_000_000, 9), List.of("--long=24"), false),
        Arguments.of("random", randomBytes(1_000_000, 10), List.of("-3"), false),
        Arguments.of("zeros", new byte[5_000_000], List.of("-3"), false),
        Arguments.of("mixed streamed", mixed(), List.of("-6"), true),
        Arguments.of("small window", compressible(1_000_000, 11), List.of("--zstd=wlog=10"),
            false));
  }

  static byte[] mixed() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(compressible(400_000, 12));
    out.writeBytes(randomBytes(200_000, 13));
    out.writeBytes(new byte[300_000]);
    out.writeBytes(compressible(400_000, 12));
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cliSettings")
  void decodesWhatTheReferenceEncoderMakes(String name, byte[] data, List<String> options,
      boolean viaStdin) throws Exception {
    assumeTrue(hasZstdCli(), "the zstd CLI is not installed");

    byte[] compressed = compressWithCli(data, options, viaStdin);

    assertArrayEquals(data, decompress(compressed));
  }

  @Test
  void decodesConcatenatedFramesAndSkippableOnes() throws Exception {
    assumeTrue(hasZstdCli(), "the zstd CLI is not installed");
    byte[] a = compressible(100_000, 20);
    byte[] b = compressible(50_000, 21);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(compressWithCli(a, List.of("-3"), false));
    stream.writeBytes(skippable(new byte[] {1, 2, 3}));
    stream.writeBytes(compressWithCli(b, List.of("-12"), true));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(a);
    expected.writeBytes(b);
    assertArrayEquals(expected.toByteArray(), decompress(stream.toByteArray()));
  }

  // ---- frames built byte by byte ------------------------------------------------------------

  private static byte[] frame(boolean checksum, byte[] contentForChecksum, byte[]... blocks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD});
    out.write(checksum ? 0x04 : 0x00); // no content size, not single segment, no dictionary
    out.write(0x00); // window 1 KiB
    for (byte[] block : blocks) {
      out.writeBytes(block);
    }
    if (checksum) {
      XxHash64 hash = new XxHash64();
      hash.update(contentForChecksum, 0, contentForChecksum.length);
      long h = hash.digest();
      for (int i = 0; i < 4; i++) {
        out.write((int) (h >>> (8 * i)));
      }
    }
    return out.toByteArray();
  }

  private static byte[] blockHeader(boolean last, int type, int size) {
    int h = (last ? 1 : 0) | type << 1 | size << 3;
    return new byte[] {(byte) h, (byte) (h >>> 8), (byte) (h >>> 16)};
  }

  private static byte[] rawBlock(boolean last, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(blockHeader(last, 0, content.length));
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] rleBlock(boolean last, byte value, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(blockHeader(last, 1, count));
    out.write(value);
    return out.toByteArray();
  }

  private static byte[] skippable(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x5A, 0x2A, 0x4D, 0x18});
    out.writeBytes(new byte[] {(byte) content.length, 0, 0, 0});
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** A compressed block of raw literals and no sequences: the smallest "compressed" block. */
  private static byte[] literalsOnlyBlock(boolean last, byte[] literals) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(literals.length << 3); // raw literals, 1-byte header (size < 32)
    body.writeBytes(literals);
    body.write(0); // zero sequences
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(blockHeader(last, 2, body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  @Test
  void decodesRawRleAndLiteralOnlyBlocksWithAChecksum() throws IOException {
    byte[] expected = "hello, zstd!xxxxxxxxxxtail".getBytes(UTF_8);
    byte[] data = frame(true, expected,
        rawBlock(false, "hello, ".getBytes(UTF_8)),
        literalsOnlyBlock(false, "zstd!".getBytes(UTF_8)),
        rleBlock(false, (byte) 'x', 10),
        rawBlock(true, "tail".getBytes(UTF_8)));

    assertArrayEquals(expected, decompress(data));
  }

  @Test
  void skipsSkippableFrames() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(skippable("ignored".getBytes(UTF_8)));
    out.writeBytes(frame(false, null, rawBlock(true, "a".getBytes(UTF_8))));
    out.writeBytes(skippable(new byte[0]));

    assertArrayEquals("a".getBytes(UTF_8), decompress(out.toByteArray()));
  }

  @Test
  void rejectsAWrongChecksum() {
    byte[] data = frame(true, "other".getBytes(UTF_8), rawBlock(true, "a".getBytes(UTF_8)));

    var e = assertThrows(ZstdException.class, () -> decompress(data));
    assertEquals("decompress zstd: corrupt data: content checksum mismatch", e.getMessage());
  }

  @Test
  void rejectsATruncatedFrame() {
    byte[] whole = frame(false, null, rawBlock(true, "abcdef".getBytes(UTF_8)));
    byte[] data = Arrays.copyOf(whole, whole.length - 2);

    var e = assertThrows(ZstdException.class, () -> decompress(data));
    assertEquals("decompress zstd: unexpected end of the compressed stream", e.getMessage());
  }

  @Test
  void rejectsABlockLargerThanTheWindow() {
    byte[] data = frame(false, null, rawBlock(true, new byte[2000]));

    var e = assertThrows(ZstdException.class, () -> decompress(data));
    assertEquals("decompress zstd: corrupt data: block of 2000 bytes exceeds 1024",
        e.getMessage());
  }

  @Test
  void rejectsDictionariesAndHugeWindows() {
    byte[] dictionary = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x01, 0x00, 0x07};
    byte[] hugeWindow = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, (byte) (20 << 3)};

    assertTrue(assertThrows(ZstdException.class, () -> decompress(dictionary)).getMessage()
        .contains("dictionary 7"));
    assertTrue(assertThrows(ZstdException.class, () -> decompress(hugeWindow)).getMessage()
        .contains("exceeds"));
  }

  @Test
  void rejectsWhatIsNotZstd() {
    var e = assertThrows(ZstdException.class, () -> decompress("not zstd".getBytes(UTF_8)));
    assertTrue(e.getMessage().startsWith("decompress zstd: not a zstd frame"), e.getMessage());
  }

  @Test
  void xxHash64MatchesKnownValues() {
    XxHash64 empty = new XxHash64();
    assertEquals(0xEF46DB3751D8E999L, empty.digest());
    XxHash64 abc = new XxHash64();
    abc.update("abc".getBytes(UTF_8), 0, 3);
    assertEquals(0x44BC2CF5AD770999L, abc.digest());
  }
}
