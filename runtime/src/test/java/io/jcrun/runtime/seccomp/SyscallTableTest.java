package io.jcrun.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyscallTableTest {
  @ParameterizedTest
  @CsvSource({
    "SCMP_ARCH_X86_64, read, 0",
    "SCMP_ARCH_X86_64, mkdir, 83",
    "SCMP_ARCH_X86_64, personality, 135",
    "SCMP_ARCH_X86_64, set_mempolicy_home_node, 450",
    "SCMP_ARCH_X86, read, 3",
    "SCMP_ARCH_X86, mkdir, 39",
    "SCMP_ARCH_X86, socketcall, 102",
    "SCMP_ARCH_X86, socket, 359",
    "SCMP_ARCH_X86, arch_prctl, 384",
    "SCMP_ARCH_X32, read, 1073741824",
    "SCMP_ARCH_X32, mkdir, 1073741907",
    "SCMP_ARCH_X32, ioctl, 1073742338",
    "SCMP_ARCH_AARCH64, io_setup, 0",
    "SCMP_ARCH_AARCH64, fcntl, 25",
    "SCMP_ARCH_AARCH64, newfstatat, 79",
    "SCMP_ARCH_AARCH64, renameat, 38",
    "SCMP_ARCH_AARCH64, getrlimit, 163",
    "SCMP_ARCH_AARCH64, clone, 220",
    "SCMP_ARCH_AARCH64, memfd_secret, 447",
  })
  void readsTheGeneratedTables(SeccompArch arch, String name, long number) {
    assertEquals(OptionalInt.of((int) number), SyscallTable.of(arch).number(name));
  }

  @ParameterizedTest
  @CsvSource({
    "SCMP_ARCH_X86_64, 0",
    "SCMP_ARCH_X86, 0",
    "SCMP_ARCH_X32, 1073741824",
    "SCMP_ARCH_AARCH64, 0"
  })
  void hasTheSyscallsAddedUpToLinux6_15(SeccompArch arch, long offset) {
    List<String> names =
        List.of(
            "cachestat",
            "fchmodat2",
            "map_shadow_stack",
            "futex_wake",
            "futex_wait",
            "futex_requeue",
            "statmount",
            "listmount",
            "lsm_get_self_attr",
            "lsm_set_self_attr",
            "lsm_list_modules",
            "mseal",
            "setxattrat",
            "getxattrat",
            "listxattrat",
            "removexattrat",
            "open_tree_attr");
    for (int i = 0; i < names.size(); i++) {
      assertEquals(
          OptionalInt.of((int) (offset + 451 + i)),
          SyscallTable.of(arch).number(names.get(i)),
          names.get(i));
    }
  }

  @Test
  void knowsWhichArchitectureLacksWhichSyscall() {
    assertTrue(SyscallTable.of(SeccompArch.SCMP_ARCH_X86_64).number("socketcall").isEmpty());
    assertTrue(SyscallTable.of(SeccompArch.SCMP_ARCH_AARCH64).number("open").isEmpty());
    assertTrue(SyscallTable.of(SeccompArch.SCMP_ARCH_X86).number("uretprobe").isEmpty());
    assertEquals(
        OptionalInt.of(1073742159), SyscallTable.of(SeccompArch.SCMP_ARCH_X32).number("uretprobe"));
  }

  @Test
  void holdsEveryHeaderSyscallAndTheLaterOnes() {
    // Linux 6.1 headers: 362 x86_64, 440 i386, 351 x32 and 306 asm-generic names; then 17
    // syscalls from 451 to 467 everywhere and uretprobe on x86_64 and x32.
    assertEquals(362 + 18, SyscallTable.of(SeccompArch.SCMP_ARCH_X86_64).size());
    assertEquals(440 + 17, SyscallTable.of(SeccompArch.SCMP_ARCH_X86).size());
    assertEquals(351 + 18, SyscallTable.of(SeccompArch.SCMP_ARCH_X32).size());
    assertEquals(306 + 17, SyscallTable.of(SeccompArch.SCMP_ARCH_AARCH64).size());
  }
}
