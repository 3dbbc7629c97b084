package io.jcrun.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.linux.MountFlag;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountOptionsTest {
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "nosuid,nodev,noexec;MS_NOSUID|MS_NODEV|MS_NOEXEC",
      "ro,rw;0",
      "rw,ro;MS_RDONLY",
      "rbind;MS_BIND|MS_REC",
      "bind,ro,remount;MS_RDONLY|MS_REMOUNT|MS_BIND",
      "noatime,atime;0",
      "defaults;0"})
  void setsAndClearsFlagsInOrder(String options, String flags) throws Exception {
    MountOptions o = MountOptions.parse(List.of(options.split(",")), "mounts[0].options");
    assertEquals(flags, o.flags().toString());
  }

  @Test
  void keepsUnknownOptionsAsFilesystemData() throws Exception {
    MountOptions o = MountOptions.parse(List.of("nosuid", "mode=755", "size=65536k"), "m");
    assertEquals("mode=755,size=65536k", o.data());
    assertNull(MountOptions.parse(List.of("ro"), "m").data());
  }

  @Test
  void recordsPropagationAndWhetherItIsRecursive() throws Exception {
    MountOptions shared = MountOptions.parse(List.of("rshared"), "m");
    assertEquals(MountFlag.MS_SHARED.value(), shared.propagation());
    assertTrue(shared.propagationRecursive());
    MountOptions slave = MountOptions.parse(List.of("rshared", "slave"), "m");
    assertEquals(MountFlag.MS_SLAVE.value(), slave.propagation());
    assertFalse(slave.propagationRecursive());
  }

  @Test
  void recursiveAttributesSetAndClearAndAtimeModesClearEachOther() throws Exception {
    MountOptions o = MountOptions.parse(List.of("rro", "rnosuid", "rnoatime"), "m");
    assertEquals(MountAttr.RDONLY | MountAttr.NOSUID | MountAttr.NOATIME, o.recursiveAttrSet());
    assertEquals(MountAttr.ATIME_MASK, o.recursiveAttrClear());
    MountOptions undone = MountOptions.parse(List.of("rro", "rrw"), "m");
    assertEquals(0, undone.recursiveAttrSet());
    assertEquals(MountAttr.RDONLY, undone.recursiveAttrClear());
  }
}
