package io.jcrun.image.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.image.ImageException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserResolverTest {
  private static final String PASSWD = """
      root:x:0:0:root:/root:/bin/sh
      # a comment
      daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
      www:x:33:33:www-data:/var/www:/usr/sbin/nologin
      app:x:1000:1000::/home/app:/bin/sh
      broken line
      """;
  private static final String GROUP = """
      root:x:0:
      daemon:x:1:
      www:x:33:app
      staff:x:50:app,www
      app:x:1000:
      audio:x:29:
      """;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''         | 0    | 0    | ''       | /root",
      "root       | 0    | 0    | ''       | /root",
      "0          | 0    | 0    | ''       | /root",
      "app        | 1000 | 1000 | 33 50    | /home/app",
      "1000       | 1000 | 1000 | 33 50    | /home/app",
      "app:audio  | 1000 | 29   | ''       | /home/app",
      "app:29     | 1000 | 29   | ''       | /home/app",
      "1000:50    | 1000 | 50   | ''       | /home/app",
      "www        | 33   | 33   | 50       | /var/www",
      "4242       | 4242 | 0    | ''       | /",
      "4242:4343  | 4242 | 4343 | ''       | /",
      "4242:audio | 4242 | 29   | ''       | /",
      ":audio     | 0    | 29   | ''       | /root"})
  void resolvesUsersAsDockerDoes(String user, long uid, long gid, String extra, String home)
      throws ImageException {
    ResolvedUser resolved = UserResolver.resolve(user, Optional.of(PASSWD), Optional.of(GROUP));

    List<Long> additional = extra.isEmpty() ? List.of()
        : Arrays.stream(extra.split(" ")).map(Long::parseLong).toList();
    assertEquals(new ResolvedUser(uid, gid, additional, home), resolved);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nobody     | resolve user \"nobody\": no user \"nobody\" in the image's /etc/passwd",
      "app:nogrp  | resolve user \"app:nogrp\": no group \"nogrp\" in the image's /etc/group"})
  void namesWhatIsMissing(String user, String message) {
    var e = assertThrows(ImageException.class,
        () -> UserResolver.resolve(user, Optional.of(PASSWD), Optional.of(GROUP)));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"'', 0", "1234, 1234"})
  void worksWithoutPasswdForNumericUsers(String user, long uid) throws ImageException {
    assertEquals(new ResolvedUser(uid, 0, List.of(), "/"),
        UserResolver.resolve(user, Optional.empty(), Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource({"app"})
  void needsPasswdForNames(String user) {
    var e = assertThrows(ImageException.class,
        () -> UserResolver.resolve(user, Optional.empty(), Optional.empty()));
    assertEquals("resolve user \"app\": no user \"app\" in the image (it has no /etc/passwd)",
        e.getMessage());
  }
}
