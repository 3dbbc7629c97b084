package io.jcrun.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CgroupPathTest {

  @Test
  void noPathIsJcrunSlashTheId() {
    assertEquals(new CgroupPath("/jcrun/abc"), CgroupPath.parse(null, "abc"));
    assertEquals(new CgroupPath("/jcrun/abc"), CgroupPath.parse("", "abc"));
  }

  @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
  @CsvSource({
      "/a/b, /a/b",
      "/a//b/, /a/b",
      "/a/./b, /a/b",
      "/a/../b, /b",
      "a/b, a/b",
      "./a/b/.., a",
      "kubepods/burstable/pod1, kubepods/burstable/pod1"})
  void pathsAreCleaned(String raw, String clean) {
    assertEquals(clean, CgroupPath.parse(raw, "abc").value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/..", "/../etc", "/a/../../b", "..", "../x", "a/../..", "."})
  void pathsThatEscapeTheRootAreRefused(String raw) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CgroupPath.parse(raw, "abc"));
    assertEquals("\"" + raw + "\" escapes the cgroup root", e.getMessage());
  }

  @Test
  void systemdSlicePathsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CgroupPath.parse("system.slice:docker:abc", "abc"));
    assertEquals("\"system.slice:docker:abc\" is a systemd slice:prefix:name path: the systemd"
        + " cgroup driver is not supported", e.getMessage());
  }

  @Test
  void relativePathsArePlacedUnderABase() {
    CgroupPath relative = CgroupPath.parse("pod/c", "abc");
    assertFalse(relative.isAbsolute());
    assertEquals("/user.slice/pod/c", relative.under("/user.slice"));
    assertEquals("/pod/c", relative.under("/"));
    CgroupPath absolute = CgroupPath.parse("/x", "abc");
    assertTrue(absolute.isAbsolute());
    assertEquals("/x", absolute.under("/user.slice"));
  }
}
