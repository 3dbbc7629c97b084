package io.jcrun.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.linux.ContainerPath;
import io.jcrun.linux.Fd;
import io.jcrun.linux.InRootCreate;
import io.jcrun.linux.MountFlag;
import io.jcrun.linux.MountFlags;
import io.jcrun.linux.NamespaceType;
import io.jcrun.namespaces.InitOp;
import io.jcrun.namespaces.InitProgram;
import io.jcrun.namespaces.InitProgramRecorder;
import io.jcrun.runtime.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java encoder and jcrun-init's decoder agree: a program encoded here, decoded by the real
 * executor binary ({@code jcrun-init decode}), prints exactly as {@link InitProgram#toText()}.
 */
class InitProgramRoundTripTest {
  private static final Path INIT = Path.of(System.getProperty("jcrun.init", "target/jcrun-init"));

  @TempDir Path tmp;

  private String decode(InitProgram program) throws Exception {
    Path file = tmp.resolve("program");
    Files.write(file, program.encode());
    Process p = new ProcessBuilder(INIT.toString(), "decode", file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void everyOpSurvivesTheRoundTrip() throws Exception {
    InitProgramRecorder rec = new InitProgramRecorder();
    Fd dir = rec.inherit(7);
    Fd f = rec.openat(Fd.CWD, "/proc/1/ns/net", 0, 0);
    Fd root = rec.openInRoot(dir, ContainerPath.of("/a b/\"q\"\\"), 0x200000, InRootCreate.FILE);
    rec.mount(null, "/", null, MountFlags.of(MountFlag.MS_SLAVE, MountFlag.MS_REC), null);
    rec.mountOnFd("tmpfs", root, "tmpfs", MountFlags.of(MountFlag.MS_NOSUID), "mode=755,size=1k");
    rec.mountSetattr(root, true, 1, 0x70, MountFlag.MS_PRIVATE.value());
    rec.umount2("/x", 2);
    rec.pivotRoot(root);
    rec.moveRoot(root);
    rec.maskPath(root, ContainerPath.of("/proc/kcore"));
    rec.readonlyPath(root, ContainerPath.of("/proc/sys"));
    rec.mknodat(dir, "null", 020666, 1, 3);
    rec.mkdirat(dir, "d", 0755);
    rec.symlinkat("/proc/self/fd", dir, "fd");
    rec.fchownat(dir, "null", 0, 0, 0x100);
    rec.fchmodat(dir, "null", 0666);
    rec.writeFile(Fd.CWD, "/proc/self/oom_score_adj", "100\n".getBytes());
    rec.unshare(NamespaceType.TIME.cloneFlag());
    rec.setns(f, NamespaceType.NETWORK);
    rec.sethostname("h\u00e9");
    rec.setdomainname("d");
    rec.setrlimit(7, 1024, -1);
    rec.setresuid(1, 2, 3);
    rec.setresgid(4, 5, 6);
    rec.setgroups(new int[] {10, -2});
    rec.umask(022);
    rec.capset(0x20000420L, 0xffffffffffL, 0);
    rec.capBoundingDrop(io.jcrun.linux.Capability.CAP_SYS_ADMIN);
    rec.capAmbientRaise(io.jcrun.linux.Capability.CAP_KILL);
    rec.prctl(38, 1);
    rec.chdir("/");
    rec.fchdir(root);
    rec.setsid();
    rec.closeOnExecFrom(3);
    rec.seccompLoad(new byte[16], 1);
    rec.sendFd(rec.syncSocket(), rec.seccompLoadWithListener(new byte[8], 8), "seccomp-listener");
    rec.cloneChild(0x20000000L | 0x8000L, null);
    rec.syncSend(2);
    rec.syncWait(1);
    rec.waitExecFifo(dir, "exec.fifo");
    rec.console(rec.syncSocket(), 1, 0, 5, 24, 80);
    rec.sendFd(dir, root, "standard");
    rec.runHook("/bin/hook", List.of("hook", "a"), List.of("K=V"), 5, "{}".getBytes());
    rec.dup2(root, 0);
    rec.lookupExec("sh", "/bin:/usr/bin");
    rec.execve("sh", List.of("sh", "-c", "echo 'hi'"), List.of(), "/bin");
    rec.close(root);
    rec.joinSessionKeyring("c1");
    rec.exit(0);
    InitProgram program = rec.build();

    Set<InitOp.Code> used = program.ops().stream().map(InitOp::code)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(InitOp.Code.class)));
    assertEquals(EnumSet.allOf(InitOp.Code.class), used, "the test must cover every op");
    assertEquals(program.toText(), decode(program));
  }

  @Test
  void theCreateProgramOfTheDefaultSpecSurvivesTheRoundTrip() throws Exception {
    InitProgram program = CreateProgram.compile(TestConfigs.defaultConfig(),
        TestConfigs.hybridHost(), new CreateProgram.Inputs(5, -1, true, 0, false, java.util.List.of(),
            java.util.Optional.of("c1"), true));
    assertEquals(program.toText(), decode(program));
  }

  @Test
  void theDecoderRejectsACorruptProgram() throws Exception {
    byte[] bytes = CreateProgram.compile(TestConfigs.defaultConfig(), TestConfigs.hybridHost(),
        new CreateProgram.Inputs(5, -1, true, 0, false, java.util.List.of(),
            java.util.Optional.of("c1"), true)).encode();
    Path file = tmp.resolve("truncated");
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    Process p = new ProcessBuilder(INIT.toString(), "decode", file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(1, p.waitFor());
    assertTrue(out.contains("truncated"), out);
  }
}
