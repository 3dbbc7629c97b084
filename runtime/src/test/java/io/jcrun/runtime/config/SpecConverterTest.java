package io.jcrun.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.linux.Capability;
import io.jcrun.linux.MountFlag;
import io.jcrun.linux.NamespaceType;
import io.jcrun.runtime.TestConfigs;
import io.jcrun.spec.DefaultSpec;
import io.jcrun.spec.SpecMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecConverterTest {
  /** The default spec as JSON with {@code from} replaced by {@code to} (first occurrence). */
  private static String edit(String from, String to) throws Exception {
    String json = SpecMapper.write(DefaultSpec.example());
    assertTrue(json.contains(from), "fixture does not contain " + from);
    return json.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to));
  }

  private static String reject(String json) {
    return assertThrows(InvalidConfigException.class, () -> TestConfigs.fromJson(json))
        .getMessage();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"pid\"}|{\"type\":\"pidd\"}|linux.namespaces[0].type: \"pidd\" is not one of [user, mount, cgroup, uts, ipc, pid, network, time]",
      "{\"type\":\"network\"}|{\"type\":\"pid\"}|linux.namespaces[1]: duplicate namespace \"pid\"",
      "\"destination\":\"/proc\"|\"destination\":\"proc\"|mounts[0].destination: \"proc\" is not an absolute path",
      "\"cwd\":\"/\"|\"cwd\":\"tmp\"|process.cwd: \"tmp\" is not an absolute path",
      "\"args\":[\"sh\"]|\"args\":[]|process.args: must not be empty",
      "\"CAP_KILL\"|\"CAP_KILLL\"|process.capabilities.bounding[1]: \"CAP_KILLL\" is not a known capability (CAP_CHOWN ... CAP_CHECKPOINT_RESTORE)",
      "\"RLIMIT_NOFILE\"|\"RLIMIT_FILES\"|process.rlimits[0].type: \"RLIMIT_FILES\" is not one of [RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS, RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_MEMLOCK, RLIMIT_AS, RLIMIT_LOCKS, RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME]",
      "\"soft\":1024|\"soft\":4096|process.rlimits[0]: soft limit 4096 is above the hard limit 1024",
      "\"path\":\"rootfs\"|\"path\":\"\"|root.path: required",
      "\"/proc/kcore\"|\"proc/kcore\"|linux.maskedPaths[2]: \"proc/kcore\" is not an absolute path",
      "\"options\":[\"nosuid\",\"strictatime\"|\"options\":[\"nosuid\",\"idmap\"|mounts[1].options[1]: mount option \"idmap\" is not supported by jcrun",
  })
  void rejectsWithTheJsonPath(String from, String to, String message) throws Exception {
    assertEquals(message, reject(edit(from, to)));
  }

  @Test
  void rejectsAHostnameWithoutItsOwnUtsNamespace() throws Exception {
    assertEquals("hostname: requires a new uts namespace in linux.namespaces",
        reject(edit("{\"type\":\"uts\"},", "")));
  }

  @Test
  void rejectsAUserNamespaceWithoutMappings() throws Exception {
    assertEquals("linux.uidMappings: required when a new user namespace is created",
        reject(edit("{\"type\":\"pid\"}", "{\"type\":\"user\"},{\"type\":\"pid\"}")));
  }

  @Test
  void rejectsMappingsWithoutAUserNamespace() throws Exception {
    assertEquals("linux.uidMappings: requires a new user namespace in linux.namespaces",
        reject(edit("\"linux\":{", "\"linux\":{\"uidMappings\":[{\"containerID\":0,"
            + "\"hostID\":1000,\"size\":1}],")));
  }

  private static String withSeccomp(String seccomp) throws Exception {
    return edit("\"linux\":{", "\"linux\":{\"seccomp\":" + seccomp + ",");
  }

  @Test
  void checksEverySeccompNameWithItsPath() throws Exception {
    assertEquals("linux.seccomp.defaultAction: \"SCMP_ACT_DENY\" is not one of [SCMP_ACT_KILL,"
        + " SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_ERRNO,"
        + " SCMP_ACT_TRACE, SCMP_ACT_ALLOW, SCMP_ACT_LOG, SCMP_ACT_NOTIFY]",
        reject(withSeccomp("{\"defaultAction\":\"SCMP_ACT_DENY\"}")));
    String op = reject(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{"
        + "\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,"
        + "\"value\":8,\"op\":\"SCMP_CMP_LIKE\"}]}]}"));
    assertTrue(op.startsWith("linux.seccomp.syscalls[0].args[0].op: \"SCMP_CMP_LIKE\" is not one of"),
        op);
    assertEquals("linux.seccomp.listenerPath: required when a rule uses SCMP_ACT_NOTIFY",
        reject(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{"
            + "\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}")));
  }

  @Test
  void convertsASeccompProfile() throws Exception {
    ContainerConfig c = TestConfigs.fromJson(withSeccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\","
        + "\"architectures\":[\"SCMP_ARCH_X86_64\"],\"syscalls\":[{\"names\":[\"mkdir\"],"
        + "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}"));
    assertEquals(1, c.seccomp().orElseThrow().rules().size());
  }

  @Test
  void refusesHostWideSysctls() throws Exception {
    String message = reject(edit("\"linux\":{", "\"linux\":{\"sysctl\":{\"kernel.panic\":\"1\"},"));
    assertTrue(message.startsWith("linux.sysctl[\"kernel.panic\"]: not in a namespace"), message);
  }

  @Test
  void acceptsNamespacedSysctls() throws Exception {
    ContainerConfig c = TestConfigs.fromJson(edit("\"linux\":{",
        "\"linux\":{\"sysctl\":{\"net.ipv4.ip_forward\":\"1\",\"kernel.shmmax\":\"100\"},"));
    assertEquals("1", c.sysctl().get("net.ipv4.ip_forward"));
  }

  @Test
  void appliesDefaultsInOnePlace() throws Exception {
    ContainerConfig c = TestConfigs.defaultConfig();
    assertEquals(Path.of("/bundles/b1/rootfs"), c.rootfs());
    assertEquals(MountFlag.MS_SLAVE.value() | MountFlag.MS_REC.value(), c.rootPropagation());
    assertTrue(c.rootfsReadonly());
    assertTrue(c.setupDev());
    assertTrue(c.namespaces().creates(NamespaceType.PID));
    assertFalse(c.namespaces().has(NamespaceType.USER));
    assertEquals(0, c.process().uid());
    assertTrue(c.process().umask().isEmpty());
    long bounding = c.process().capabilities().orElseThrow().bounding();
    assertEquals((1L << Capability.CAP_AUDIT_WRITE.number()) | (1L << Capability.CAP_KILL.number())
        | (1L << Capability.CAP_NET_BIND_SERVICE.number()), bounding);
    assertEquals(7, c.mounts().size());
  }

  @Test
  void makesBindSourcesAbsoluteAgainstTheBundle() throws Exception {
    ContainerConfig c = TestConfigs.fromJson(edit("\"mounts\":[", "\"mounts\":[{\"destination\":"
        + "\"/data\",\"type\":\"bind\",\"source\":\"data\",\"options\":[\"rbind\",\"ro\"]},"));
    MountConfig m = c.mounts().getFirst();
    assertEquals("/bundles/b1/data", m.source());
    assertTrue(m.isBind());
    assertTrue(m.flags().has(MountFlag.MS_REC));
    assertTrue(m.flags().has(MountFlag.MS_RDONLY));
    assertEquals("mounts[0]", m.origin());
  }

  @Test
  void aDevBindFromTheHostTurnsOffDeviceSetup() throws Exception {
    ContainerConfig c = TestConfigs.fromJson(edit("{\"destination\":\"/dev\",\"type\":\"tmpfs\"",
        "{\"destination\":\"/dev\",\"type\":\"bind\",\"source\":\"/dev\",\"options\":[\"rbind\"]},"
            + "{\"destination\":\"/devx\",\"type\":\"tmpfs\""));
    assertFalse(c.setupDev());
  }
}
