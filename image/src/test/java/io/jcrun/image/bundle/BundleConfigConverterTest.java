package io.jcrun.image.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.image.ImageException;
import io.jcrun.spec.DefaultSpec;
import io.jcrun.spec.Spec;
import io.jcrun.spec.image.ImageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleConfigConverterTest {
  private static final ResolvedUser APP = new ResolvedUser(1000, 1000, List.of(33L, 50L),
      "/home/app");

  private static ImageConfig image(List<String> entrypoint, List<String> cmd, List<String> env,
      String workdir, Map<String, String> labels, String stopSignal) {
    return new ImageConfig(null, null, "amd64", "linux", null, null, null,
        new ImageConfig.Config("app", null, env, entrypoint, cmd, null, workdir, labels,
            stopSignal, null), null, null);
  }

  @Test
  void takesTheImagesDefaults() throws ImageException {
    Spec spec = BundleConfigConverter.convert(image(List.of("/entry"), List.of("serve", "-v"),
        List.of("LANG=C.UTF-8"), "/srv", Map.of("org.example.team", "jcrun"), "SIGQUIT"),
        List.of(), APP);

    Spec base = DefaultSpec.example();
    assertEquals(List.of("/entry", "serve", "-v"), spec.process().args());
    assertEquals(List.of("LANG=C.UTF-8", base.process().env().getFirst(), "HOME=/home/app"),
        spec.process().env());
    assertEquals("/srv", spec.process().cwd());
    assertEquals(1000L, spec.process().user().uid());
    assertEquals(1000L, spec.process().user().gid());
    assertEquals(List.of(33L, 50L), spec.process().user().additionalGids());
    assertFalse(spec.process().terminal());
    assertEquals(Map.of("org.example.team", "jcrun",
        "org.opencontainers.image.stopSignal", "SIGQUIT"), spec.annotations());
    assertEquals("rootfs", spec.root().path());
    assertFalse(spec.root().readonly());
    assertEquals(base.mounts(), spec.mounts());
    assertEquals(base.linux(), spec.linux());
    assertEquals(base.process().capabilities(), spec.process().capabilities());
  }

  @Test
  void aCommandReplacesCmdButKeepsTheEntrypoint() throws ImageException {
    Spec spec = BundleConfigConverter.convert(image(List.of("/entry"), List.of("serve"), null,
        null, null, null), List.of("sh", "-c", "id"), APP);

    assertEquals(List.of("/entry", "sh", "-c", "id"), spec.process().args());
    assertEquals("/", spec.process().cwd());
    assertNull(spec.annotations());
  }

  @Test
  void keepsTheImagesPathAndHome() throws ImageException {
    Spec spec = BundleConfigConverter.convert(image(null, List.of("x"),
        List.of("PATH=/opt/bin", "HOME=/data"), null, null, null), List.of(), APP);

    assertEquals(List.of("PATH=/opt/bin", "HOME=/data"), spec.process().env());
  }

  @Test
  void refusesAnImageWithNothingToRun() {
    var e = assertThrows(ImageException.class, () -> BundleConfigConverter.convert(
        image(null, null, null, null, null, null), List.of(), APP));
    assertEquals("create bundle: the image has no Entrypoint or Cmd, and no command was given",
        e.getMessage());
  }
}
