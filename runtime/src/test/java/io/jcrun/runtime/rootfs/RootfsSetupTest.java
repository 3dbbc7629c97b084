package io.jcrun.runtime.rootfs;

import static io.jcrun.linux.MountFlag.MS_BIND;
import static io.jcrun.linux.MountFlag.MS_NODEV;
import static io.jcrun.linux.MountFlag.MS_NOEXEC;
import static io.jcrun.linux.MountFlag.MS_NOSUID;
import static io.jcrun.linux.MountFlag.MS_PRIVATE;
import static io.jcrun.linux.MountFlag.MS_REC;
import static io.jcrun.linux.MountFlag.MS_SLAVE;
import static io.jcrun.linux.OpenFlags.O_DIRECTORY;
import static io.jcrun.linux.OpenFlags.O_NOFOLLOW;
import static io.jcrun.linux.OpenFlags.O_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.linux.FakeSyscalls;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.MountFlags;
import io.jcrun.linux.SyscallCall;
import io.jcrun.linux.SyscallCall.Close;
import io.jcrun.linux.SyscallCall.Mount;
import io.jcrun.linux.SyscallCall.MountOnFd;
import io.jcrun.linux.SyscallCall.MountSetattr;
import io.jcrun.linux.SyscallCall.OpenInRoot;
import io.jcrun.linux.SyscallCall.Openat;
import io.jcrun.runtime.TestConfigs;
import io.jcrun.runtime.config.ContainerConfig;
import io.jcrun.runtime.config.MountAttr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootfsSetupTest {
  private static final List<String> CGROUP_DIRS = List.of("/sys/fs/cgroup/cpu/jcrun/c1",
      "/sys/fs/cgroup/memory/jcrun/c1", "/sys/fs/cgroup/unified/jcrun/c1");

  private final FakeSyscalls sys = new FakeSyscalls();
  private final List<String> sources = new ArrayList<>();

  private static final String ONE_MOUNT = """
      {"ociVersion":"1.2.0","root":{"path":"rootfs"},
       "process":{"args":["sh"],"cwd":"/"},
       "mounts":[{"destination":"/data","type":"bind","source":"/srv/data",
                  "options":["rbind","ro","nosuid","rslave"]},
                 {"destination":"/proc","type":"proc","source":"proc",
                  "options":["nosuid","noexec","nodev"]}],
       "linux":{"namespaces":[{"type":"mount"}],"maskedPaths":["/proc/kcore"],
                "readonlyPaths":["/proc/sys"]}}""";

  @Test
  void preparesMountsInOrderResolvingEveryTargetInsideTheRoot() throws Exception {
    ContainerConfig c = TestConfigs.fromJson(ONE_MOUNT);
    new RootfsSetup(sys, c, TestConfigs.hybridHost(), CGROUP_DIRS, sources::add).prepare();
    assertEquals(List.of(
        new Mount(null, "/", null, MountFlags.of(MS_SLAVE, MS_REC), null),
        new Mount(null, "/", null, MountFlags.of(MS_PRIVATE), null),
        new Mount("/bundles/b1/rootfs", "/bundles/b1/rootfs", null, MountFlags.of(MS_BIND, MS_REC),
            null),
        new Openat(-100, "/bundles/b1/rootfs", O_PATH | O_DIRECTORY, 0),
        // A bind of a directory: the target is created as a directory, inside the root.
        new OpenInRoot(100, "/data", O_PATH, InRootCreate.DIRECTORY),
        new MountOnFd("/srv/data", 101, null, MountFlags.of(MS_BIND, MS_REC), null),
        new Close(101),
        // mount(2) ignores ro/nosuid on a bind: set them on a fresh resolution, then propagation.
        new OpenInRoot(100, "/data", O_PATH, InRootCreate.NONE),
        new MountSetattr(102, false, MountAttr.RDONLY | MountAttr.NOSUID, 0, 0),
        new MountSetattr(102, true, 0, 0, MS_SLAVE.value()),
        new Close(102),
        new OpenInRoot(100, "/proc", O_PATH | O_DIRECTORY | O_NOFOLLOW, InRootCreate.DIRECTORY),
        new MountOnFd("proc", 103, "proc", MountFlags.of(MS_NOSUID, MS_NOEXEC, MS_NODEV), null),
        new Close(103)), sys.calls().subList(0, 14));
    // Without a /dev of its own, the rootfs's /dev gets the host's device nodes bound in.
    assertEquals(new OpenInRoot(100, "/dev/null", O_PATH, InRootCreate.FILE), sys.calls().get(14));
    assertEquals(new MountOnFd("/dev/null", 104, null, MountFlags.of(MS_BIND), null),
        sys.calls().get(15));
    assertEquals(List.of("linux.rootfsPropagation", "root.path", "mounts[0]", "mounts[1]",
        "default device /dev/null", "default device /dev/zero", "default device /dev/full",
        "default device /dev/tty", "default device /dev/urandom", "default device /dev/random"),
        sources);
  }

  @Test
  void masksAndProtectsPathsAfterThePivot() throws Exception {
    ContainerConfig c = TestConfigs.fromJson(ONE_MOUNT);
    RootfsSetup setup = new RootfsSetup(sys, c, TestConfigs.hybridHost(), CGROUP_DIRS, sources::add);
    io.jcrun.linux.Fd root = setup.prepare();
    sys.clear();
    setup.protect(setup.pivot(root, false));
    assertEquals(List.of(
        new SyscallCall.PivotRoot(root.number()),
        new Close(root.number()),
        new Openat(-100, "/", O_PATH | O_DIRECTORY, 0),
        new SyscallCall.MaskPath(110, "/proc/kcore"),
        new SyscallCall.ReadonlyPath(110, "/proc/sys")), sys.calls());
  }

  @Test
  void createsDefaultDevicesAndLinksOnAFreshDev() throws Exception {
    new RootfsSetup(sys, TestConfigs.defaultConfig(), TestConfigs.hybridHost(), CGROUP_DIRS,
        sources::add).prepare();
    List<SyscallCall.Mknodat> nodes = sys.calls(SyscallCall.Mknodat.class);
    assertEquals(List.of("null", "zero", "full", "tty", "urandom", "random"),
        nodes.stream().map(SyscallCall.Mknodat::path).toList());
    assertEquals(new SyscallCall.Mknodat(nodes.getFirst().dir(), "null", 020666, 1, 3),
        nodes.getFirst());
    List<String> links = sys.calls(SyscallCall.Symlinkat.class).stream()
        .map(l -> l.linkPath() + "->" + l.target()).toList();
    assertEquals(List.of("fd->/proc/self/fd", "stdin->/proc/self/fd/0", "stdout->/proc/self/fd/1",
        "stderr->/proc/self/fd/2", "core->/proc/kcore", "ptmx->pts/ptmx"), links);
  }

  @Test
  void bindsHostDevicesInsideAUserNamespaceWhereMknodIsRefused() throws Exception {
    String json = io.jcrun.spec.SpecMapper.write(io.jcrun.spec.DefaultSpec.example())
        .replace("\"namespaces\":[", "\"uidMappings\":[{\"containerID\":0,\"hostID\":1000,"
            + "\"size\":1}],\"gidMappings\":[{\"containerID\":0,\"hostID\":1000,\"size\":1}],"
            + "\"namespaces\":[{\"type\":\"user\"},");
    new RootfsSetup(sys, TestConfigs.fromJson(json), TestConfigs.hybridHost(), CGROUP_DIRS, sources::add)
        .prepare();
    assertEquals(List.of(), sys.calls(SyscallCall.Mknodat.class));
    assertTrue(sys.calls(MountOnFd.class).stream()
        .anyMatch(m -> "/dev/null".equals(m.source()) && m.flags().has(MS_BIND)));
  }

  @Test
  void mountsEachV1HierarchyForACgroupMountInACgroupNamespace() throws Exception {
    new RootfsSetup(sys, TestConfigs.defaultConfig(), TestConfigs.hybridHost(), CGROUP_DIRS,
        sources::add).prepare();
    List<String> cgroupMounts = sys.calls(MountOnFd.class).stream()
        .filter(m -> "cgroup".equals(m.source()))
        .map(m -> m.fstype() + ":" + m.data()).toList();
    assertEquals(List.of("cgroup:cpu", "cgroup:memory", "cgroup2:null"), cgroupMounts);
  }

  @Test
  void bindsTheContainersOwnCgroupsWithoutACgroupNamespace() throws Exception {
    String json = io.jcrun.spec.SpecMapper.write(io.jcrun.spec.DefaultSpec.example())
        .replace("{\"type\":\"cgroup\"}", "").replace(",]", "]").replace("[,", "[");
    new RootfsSetup(sys, TestConfigs.fromJson(json), TestConfigs.hybridHost(), CGROUP_DIRS,
        sources::add).prepare();
    List<String> binds = sys.calls(MountOnFd.class).stream()
        .filter(m -> m.source() != null && m.source().startsWith("/sys/fs/cgroup"))
        .map(MountOnFd::source).toList();
    assertEquals(CGROUP_DIRS, binds);
  }
}
