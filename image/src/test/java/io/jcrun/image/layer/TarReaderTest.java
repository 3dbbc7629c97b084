package io.jcrun.image.layer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.image.LayerException;
import io.jcrun.image.TarBuilder;
import io.jcrun.image.TarBuilder.LongNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TarReaderTest {

  private static List<TarEntry> entries(byte[] tar) throws IOException {
    List<TarEntry> out = new ArrayList<>();
    try (TarReader reader = new TarReader(new ByteArrayInputStream(tar), 2048)) {
      TarEntry e;
      while ((e = reader.next()) != null) {
        out.add(e);
      }
    }
    return out;
  }

  private static String content(TarReader reader) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    reader.transferTo(Channels.newChannel(buffer));
    return buffer.toString(UTF_8);
  }

  @Test
  void readsEveryEntryType() throws IOException {
    byte[] tar = TarBuilder.create()
        .dir("etc/", e -> e.mode(0750).owner(1, 2))
        .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n", e -> e.mode(04755).mtime(1234))
        .symlink("etc/link", "passwd")
        .hardlink("etc/hard", "etc/passwd")
        .charDevice("dev/null", 1, 3)
        .blockDevice("dev/sda", 8, 0)
        .fifo("run/pipe")
        .build();

    List<TarEntry> entries = entries(tar);

    assertEquals(List.of(TarEntryType.DIRECTORY, TarEntryType.REGULAR, TarEntryType.SYMLINK,
        TarEntryType.HARDLINK, TarEntryType.CHAR_DEVICE, TarEntryType.BLOCK_DEVICE,
        TarEntryType.FIFO), entries.stream().map(TarEntry::type).toList());
    assertEquals(0750, entries.get(0).mode());
    assertEquals(1, entries.get(0).uid());
    assertEquals(2, entries.get(0).gid());
    assertEquals(04755, entries.get(1).mode());
    assertEquals(1234_000_000_000L, entries.get(1).mtimeNanos());
    assertEquals(26, entries.get(1).size());
    assertEquals("passwd", entries.get(2).linkName());
    assertEquals("etc/passwd", entries.get(3).linkName());
    assertEquals(1, entries.get(4).devMajor());
    assertEquals(3, entries.get(4).devMinor());
    assertEquals(8, entries.get(5).devMajor());
  }

  @Test
  void streamsContentAndSkipsWhatWasNotRead() throws IOException {
    byte[] big = new byte[10_000];
    Arrays.fill(big, (byte) 'x');
    byte[] tar = TarBuilder.create().file("a", big, e -> {}).file("b", "bee").build();

    try (TarReader reader = new TarReader(new ByteArrayInputStream(tar), 2048)) {
      assertEquals("a", reader.next().name());
      assertEquals("b", reader.next().name());
      assertEquals("bee", content(reader));
      assertNull(reader.next());
    }
  }

  @ParameterizedTest
  @EnumSource(LongNames.class)
  void readsLongNames(LongNames style) throws IOException {
    String name = "d/" + "n".repeat(120) + "/" + "f".repeat(90);
    String target = "t".repeat(150);
    byte[] tar = TarBuilder.create().longNames(style)
        .file(name, "x")
        .symlink("short", style == LongNames.USTAR_PREFIX ? "t" : target)
        .build();

    List<TarEntry> entries = entries(tar);

    assertEquals(name, entries.get(0).name());
    assertEquals(style == LongNames.USTAR_PREFIX ? "t" : target, entries.get(1).linkName());
  }

  @Test
  void readsPaxXattrsTimesAndOwners() throws IOException {
    byte[] tar = TarBuilder.create()
        .file("f", "x", e -> e.xattr("user.greeting", "hello")
            .xattr("security.capability", "\u0001\u0002")
            .pax("mtime", "1700000000.5")
            .pax("atime", "1600000000.25")
            .pax("uid", "3000000000")
            .pax("LIBARCHIVE.xattr.user.b%20c", "dmFsdWU"))
        .build();

    TarEntry e = entries(tar).getFirst();

    assertArrayEquals("hello".getBytes(UTF_8), e.xattrs().get("user.greeting"));
    assertArrayEquals(new byte[] {1, 2}, e.xattrs().get("security.capability"));
    assertArrayEquals("value".getBytes(UTF_8), e.xattrs().get("user.b c"));
    assertEquals(1_700_000_000_500_000_000L, e.mtimeNanos());
    assertEquals(1_600_000_000_250_000_000L, e.atimeNanos());
    assertEquals(3_000_000_000L, e.uid());
  }

  @Test
  void readsBase256Numbers() throws IOException {
    byte[] tar = TarBuilder.create().file("f", "x", e -> e.owner(1L << 40, 7)).build();

    assertEquals(1L << 40, entries(tar).getFirst().uid());
  }

  @Test
  void globalPaxHeadersApplyToLaterEntries() throws IOException {
    byte[] records = "17 uid=123456789\n".getBytes(UTF_8);
    byte[] tar = TarBuilder.create().raw('g', "global", "", records).file("a", "").file("b", "")
        .build();

    assertEquals(List.of(123456789L, 123456789L), entries(tar).stream().map(TarEntry::uid)
        .toList());
  }

  @Test
  void acceptsAnArchiveWithoutEndMarker() throws IOException {
    byte[] tar = TarBuilder.create().file("a", "x").buildWithoutEndMarker();

    assertEquals(1, entries(tar).size());
  }

  @Test
  void reportsTruncatedContent() {
    byte[] tar = TarBuilder.create().file("a", "x".repeat(2000)).buildWithoutEndMarker();
    byte[] cut = Arrays.copyOf(tar, 512 + 1000);

    var e = assertThrows(LayerException.class, () -> {
      try (TarReader reader = new TarReader(new ByteArrayInputStream(cut))) {
        reader.next();
        content(reader);
      }
    });
    assertEquals("read tar: unexpected end of archive in content of entry a", e.getMessage());
  }

  @Test
  void reportsATruncatedHeader() {
    byte[] tar = TarBuilder.create().file("a", "x").build();
    byte[] cut = Arrays.copyOf(tar, 1024 + 100);
    Arrays.fill(cut, 1024, cut.length, (byte) 'z');

    var e = assertThrows(LayerException.class, () -> entries(cut));
    assertEquals("read tar: unexpected end of archive in header at offset 1024", e.getMessage());
  }

  @Test
  void reportsABadChecksum() {
    byte[] tar = TarBuilder.create().file("a", "x").build();
    tar[0] = 'b';

    var e = assertThrows(LayerException.class, () -> entries(tar));
    assertEquals("read tar: header at offset 0: checksum mismatch (not a tar archive, or"
        + " corrupted)", e.getMessage());
  }

  @Test
  void refusesSparseFiles() {
    byte[] tar = TarBuilder.create().raw('S', "sparse", "", new byte[0]).build();

    var e = assertThrows(LayerException.class, () -> entries(tar));
    assertTrue(e.getMessage().contains("sparse"), e.getMessage());
  }

  @Test
  void treatsOldStyleTrailingSlashAsDirectory() throws IOException {
    byte[] tar = TarBuilder.create().raw('0', "olddir/", "", new byte[0]).build();

    assertEquals(TarEntryType.DIRECTORY, entries(tar).getFirst().type());
  }
}
