package io.jcrun.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalTest {
  @ParameterizedTest
  @CsvSource({"9, 9", "KILL, 9", "SIGKILL, 9", "sigterm, 15", "TERM, 15", "HUP, 1", "WINCH, 28",
      "RTMIN, 34", "RTMIN+3, 37", "SIGRTMAX-1, 63", "RTMAX, 64", "64, 64", "IOT, 6"})
  void parsesWhatRuncAccepts(String text, int number) {
    assertEquals(number, Signal.parse(text).number());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65", "KILLL", "", "-9", "RTMIN-1", "RTMAX+1", "RTMIN+31", "SIG"})
  void rejectsWhatIsNotASignal(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Signal.parse(text));
    assertEquals("unknown signal \"" + text + "\"", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"9, SIGKILL", "34, SIGRTMIN", "36, SIGRTMIN+2", "31, SIGSYS"})
  void namesSignals(int number, String name) {
    assertEquals(name, new Signal(number).name());
  }
}
