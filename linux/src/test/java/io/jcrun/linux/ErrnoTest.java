package io.jcrun.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrnoTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"1|EPERM (Operation not permitted)",
      "2|ENOENT (No such file or directory)", "35|EDEADLK (Resource deadlock avoided)",
      "95|EOPNOTSUPP (Operation not supported)", "999|errno 999", "0|errno 0"})
  void describesNumbers(int number, String text) {
    assertEquals(text, Errno.describe(number));
  }
}
