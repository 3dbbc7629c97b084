package io.jcrun.spec;

import static io.jcrun.spec.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultSpecTest {

  @Test
  void exampleIsWhatJcrunSpecWrites() {
    assertEquals(text("default-spec.json").strip(), SpecMapper.writePretty(DefaultSpec.example()));
  }

  @Test
  void exampleReadsBackEqual() throws SpecException {
    Spec example = DefaultSpec.example();

    assertEquals(example, SpecMapper.readSpec(SpecMapper.writePretty(example)));
  }

  @Test
  void rootlessIsWhatJcrunSpecRootlessWrites() {
    assertEquals(
        text("default-spec-rootless.json").strip(),
        SpecMapper.writePretty(DefaultSpec.rootless(1000, 1001)));
  }

  @Test
  void rootlessMapsContainerRootToTheCallersIds() {
    Linux linux = DefaultSpec.rootless(1000, 1001).linux();

    assertEquals(List.of(new LinuxIdMapping(0L, 1000L, 1L)), linux.uidMappings());
    assertEquals(List.of(new LinuxIdMapping(0L, 1001L, 1L)), linux.gidMappings());
    assertEquals(
        List.of("pid", "ipc", "uts", "mount", "user"),
        linux.namespaces().stream().map(Linux.Namespace::type).toList());
    assertNull(linux.resources());
  }

  @Test
  void rootlessBindsTheHostSysAndDropsIdOptions() {
    List<Mount> mounts = DefaultSpec.rootless(1000, 1000).mounts();

    assertEquals(
        new Mount(
            "/sys",
            "none",
            "/sys",
            List.of("rbind", "nosuid", "noexec", "nodev", "ro"),
            null,
            null),
        mounts.stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow());
    assertEquals(
        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"),
        mounts.stream()
            .filter(m -> m.destination().equals("/dev/pts"))
            .findFirst()
            .orElseThrow()
            .options());
    assertEquals(
        List.of(), mounts.stream().filter(m -> m.destination().equals("/sys/fs/cgroup")).toList());
  }

  @Test
  void rootlessTreatsIdsAsUnsigned() {
    assertEquals(4294967295L, DefaultSpec.rootless(-1, 0).linux().uidMappings().get(0).hostId());
  }
}
