package io.jcrun.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.runtime.JcrunException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"abc", "a.b", "A_b+c-d", "...", "0", "x..y"})
  void acceptsRuncsIdGrammar(String id) throws Exception {
    assertEquals(id, ContainerId.of(id).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "a/b", "/abc", "a b", "a\nb", "ü", "a:b"})
  void rejectsEverythingElse(String id) {
    JcrunException e = assertThrows(JcrunException.class, () -> ContainerId.of(id));
    assertEquals("invalid container id \"" + id + "\": use letters, digits and _+.- (not . or ..)",
        e.getMessage());
  }
}
