package io.jcrun.runtime.seccomp;

import static io.jcrun.runtime.seccomp.SeccompCompilerTest.ALLOW;
import static io.jcrun.runtime.seccomp.SeccompCompilerTest.AUDIT_AARCH64;
import static io.jcrun.runtime.seccomp.SeccompCompilerTest.AUDIT_I386;
import static io.jcrun.runtime.seccomp.SeccompCompilerTest.AUDIT_X86_64;
import static io.jcrun.runtime.seccomp.SeccompCompilerTest.KILL_THREAD;
import static io.jcrun.runtime.seccomp.SeccompCompilerTest.errno;
import static io.jcrun.runtime.seccomp.SeccompCompilerTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default profiles of Docker (moby) and podman (containers/common), as the engines resolve them
 * for an amd64 host and their default capabilities, through the compiler and the BPF interpreter
 * for each of the three x86 ABIs.
 */
class DefaultProfilesTest {
  static final Set<String> DOCKER_CAPS =
      Set.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");
  static final Set<String> PODMAN_CAPS =
      Set.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_NET_BIND_SERVICE",
          "CAP_SETFCAP",
          "CAP_SETGID",
          "CAP_SETPCAP",
          "CAP_SETUID",
          "CAP_SYS_CHROOT");

  static final long AF_UNIX = 1;
  static final long AF_INET = 2;
  static final long AF_NETLINK = 16;
  static final long AF_VSOCK = 40;
  static final long NETLINK_AUDIT = 9;
  static final long SOCK_STREAM = 1;
  static final long SOCK_RAW = 3;

  /** fork(): CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD. */
  static final long FORK_FLAGS = 0x0120_0011L;

  /** pthread_create(): CLONE_VM | FS | FILES | SIGHAND | THREAD | SYSVSEM | SETTLS | ... */
  static final long THREAD_FLAGS = 0x003d_0f00L;

  static final long CLONE_NEWUSER = 0x1000_0000L;
  static final long CLONE_NEWNS = 0x0002_0000L;

  /** The three ABIs a Docker profile filters on an amd64 host. */
  enum Abi {
    X86_64(SeccompArch.SCMP_ARCH_X86_64, AUDIT_X86_64),
    X86(SeccompArch.SCMP_ARCH_X86, AUDIT_I386),
    X32(SeccompArch.SCMP_ARCH_X32, AUDIT_X86_64);

    final SeccompArch arch;
    final int audit;

    Abi(SeccompArch arch, int audit) {
      this.arch = arch;
      this.audit = audit;
    }

    int call(CompiledFilter filter, String syscall, long... args) {
      int nr = SyscallTable.of(arch).number(syscall).orElseThrow();
      return run(filter, audit, nr, args);
    }

    /** A number no syscall of this ABI has. */
    int unknownNumber() {
      return this == X32 ? 0x4000_0000 + 999 : 999;
    }
  }

  static CompiledFilter docker(Set<String> caps) {
    return SeccompCompiler.compile(
        SeccompProfileJson.read("docker-default.json", "amd64", caps),
        SeccompArch.SCMP_ARCH_X86_64);
  }

  static CompiledFilter podman() {
    return SeccompCompiler.compile(
        SeccompProfileJson.read("podman-default.json", "amd64", PODMAN_CAPS),
        SeccompArch.SCMP_ARCH_X86_64);
  }

  @Test
  void compilesDockersProfileWellUnderTheKernelLimit() {
    SeccompProfile profile = SeccompProfileJson.read("docker-default.json", "amd64", DOCKER_CAPS);
    Set<String> names = new HashSet<>();
    profile.rules().forEach(rule -> names.addAll(rule.names()));
    assertTrue(names.size() > 350, "names: " + names.size());

    CompiledFilter filter = docker(DOCKER_CAPS);

    assertTrue(filter.instructionCount() < 1000, "instructions: " + filter.instructionCount());
    assertEquals(0, filter.flags());
    // Names of other ABIs are skipped per architecture, as libseccomp does.
    assertTrue(filter.skippedNames().get(SeccompArch.SCMP_ARCH_X86_64).contains("socketcall"));
    assertFalse(filter.skippedNames().get(SeccompArch.SCMP_ARCH_X86).contains("arch_prctl"));
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void appliesDockersProfile(Abi abi) {
    CompiledFilter filter = docker(DOCKER_CAPS);

    assertEquals(ALLOW, abi.call(filter, "read", 0, 0, 4096));
    assertEquals(ALLOW, abi.call(filter, "write", 1, 0, 4096));
    assertEquals(ALLOW, abi.call(filter, "mkdir", 0, 0755));
    assertEquals(ALLOW, abi.call(filter, "arch_prctl"));
    assertEquals(ALLOW, abi.call(filter, "personality", 0));
    assertEquals(ALLOW, abi.call(filter, "personality", 0xffff_ffffL));
    assertEquals(ALLOW, abi.call(filter, "personality", 0x0002_0008L));
    assertEquals(errno(1), abi.call(filter, "personality", 1));
    assertEquals(ALLOW, abi.call(filter, "clone", FORK_FLAGS));
    assertEquals(ALLOW, abi.call(filter, "clone", THREAD_FLAGS));
    assertEquals(errno(1), abi.call(filter, "clone", CLONE_NEWUSER | 17));
    assertEquals(errno(1), abi.call(filter, "clone", CLONE_NEWNS | FORK_FLAGS));
    assertEquals(errno(38), abi.call(filter, "clone3"));
    assertEquals(ALLOW, abi.call(filter, "socket", AF_INET, SOCK_STREAM));
    assertEquals(ALLOW, abi.call(filter, "socket", AF_UNIX, SOCK_STREAM));
    assertEquals(errno(1), abi.call(filter, "socket", AF_VSOCK, SOCK_STREAM));
    assertEquals(errno(1), abi.call(filter, "mount"));
    assertEquals(errno(1), abi.call(filter, "unshare", CLONE_NEWUSER));
    assertEquals(errno(1), abi.call(filter, "kexec_load"));
    assertEquals(errno(1), run(filter, abi.audit, abi.unknownNumber()));
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void givesCapSysAdminTheNamespaceSyscalls(Abi abi) {
    Set<String> caps = new HashSet<>(DOCKER_CAPS);
    caps.add("CAP_SYS_ADMIN");
    CompiledFilter filter = docker(caps);

    assertEquals(ALLOW, abi.call(filter, "clone", CLONE_NEWUSER | 17));
    assertEquals(ALLOW, abi.call(filter, "clone3"));
    assertEquals(ALLOW, abi.call(filter, "mount"));
    assertEquals(ALLOW, abi.call(filter, "unshare", CLONE_NEWUSER));
  }

  @Test
  void allowsTheOldSocketcallMultiplexerOnI386() {
    CompiledFilter filter = docker(DOCKER_CAPS);

    // socketcall is in the allow list; its arguments sit in user memory, out of BPF's reach.
    assertEquals(ALLOW, run(filter, AUDIT_I386, 102, 1));
    assertEquals(KILL_THREAD, run(filter, AUDIT_AARCH64, 63));
  }

  @Test
  void compilesDockersArm64ProfileWithoutArm() {
    CompiledFilter filter =
        SeccompCompiler.compile(
            SeccompProfileJson.read("docker-default.json", "arm64", DOCKER_CAPS),
            SeccompArch.SCMP_ARCH_AARCH64);

    assertEquals(Set.of(SeccompArch.SCMP_ARCH_ARM), filter.skippedArchitectures());
    assertEquals(ALLOW, run(filter, AUDIT_AARCH64, 63)); // read
    assertEquals(ALLOW, run(filter, AUDIT_AARCH64, 220, FORK_FLAGS)); // clone
    assertEquals(errno(1), run(filter, AUDIT_AARCH64, 220, CLONE_NEWUSER | 17));
    assertEquals(errno(1), run(filter, AUDIT_AARCH64, 198, AF_VSOCK)); // socket
    assertEquals(KILL_THREAD, run(filter, AUDIT_X86_64, 0));
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void appliesPodmansProfile(Abi abi) {
    CompiledFilter filter = podman();

    assertTrue(filter.instructionCount() < 1000, "instructions: " + filter.instructionCount());
    assertEquals(ALLOW, abi.call(filter, "read"));
    assertEquals(ALLOW, abi.call(filter, "mkdir"));
    assertEquals(errno(38), run(filter, abi.audit, abi.unknownNumber()));
    assertEquals(errno(1), abi.call(filter, "kexec_load"));
    assertEquals(errno(1), abi.call(filter, "vmsplice"));
    // clone3's own ENOSYS rule equals the default action: skipped as runc does, same result.
    assertEquals(errno(38), abi.call(filter, "clone3"));
    assertEquals(ALLOW, abi.call(filter, "personality", 0xffff_ffffL));
    assertEquals(errno(38), abi.call(filter, "personality", 3));
    assertEquals(errno(38), abi.call(filter, "clone", CLONE_NEWUSER | 17));
    assertEquals(ALLOW, abi.call(filter, "clone", FORK_FLAGS));
    assertEquals(errno(22), abi.call(filter, "socket", AF_NETLINK, SOCK_RAW, NETLINK_AUDIT));
    assertEquals(ALLOW, abi.call(filter, "socket", AF_NETLINK, SOCK_RAW, 0));
    assertEquals(ALLOW, abi.call(filter, "socket", AF_INET, SOCK_STREAM, NETLINK_AUDIT));
    assertEquals(ALLOW, abi.call(filter, "socket", AF_VSOCK, SOCK_STREAM, 0));
  }

  @Test
  void reportsPodmansNamesMissingOnEachArchitecture() {
    Map<SeccompArch, List<String>> skipped = podman().skippedNames();

    assertTrue(skipped.get(SeccompArch.SCMP_ARCH_X86_64).containsAll(List.of("vm86", "waitpid")));
    assertTrue(
        skipped.get(SeccompArch.SCMP_ARCH_X86).containsAll(List.of("epoll_ctl_old", "newfstatat")));
    assertFalse(skipped.get(SeccompArch.SCMP_ARCH_X86).contains("socketcall"));
  }
}
