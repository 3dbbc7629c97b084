package io.jcrun.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerPathTest {
  @ParameterizedTest
  @CsvSource({"/, /", "//a//b/, /a/b", "/a/./b, /a/b", "/a/../../b, /b", "/../.., /",
      "/proc/self/.., /proc"})
  void cleansLexically(String in, String out) {
    assertEquals(out, ContainerPath.of(in).value());
  }

  @ParameterizedTest
  @CsvSource({"/a/b, /a, b", "/a, /, a"})
  void splitsParentAndName(String path, String parent, String name) {
    assertEquals(parent, ContainerPath.of(path).parent().value());
    assertEquals(name, ContainerPath.of(path).fileName());
  }

  @org.junit.jupiter.api.Test
  void rejectsRelativePaths() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ContainerPath.of("etc/x"));
    assertEquals("\"etc/x\" is not an absolute path", e.getMessage());
  }
}
