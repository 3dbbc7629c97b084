package io.jcrun.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcrun.cgroups.v1.CgroupV1Manager;
import io.jcrun.linux.Errno;
import io.jcrun.linux.FakeSyscalls;
import io.jcrun.linux.Signal;
import io.jcrun.linux.SyscallCall.Kill;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing without cgroup.kill: rounds of SIGKILL under the freezer until the cgroup is empty. */
class CgroupKillerTest {
  @TempDir Path root;
  FakeCgroupFs fs;
  FakeSyscalls syscalls;
  CgroupManager cgroup;

  @BeforeEach
  void setUp() throws Exception {
    fs = new FakeCgroupFs(root).v1Root(root, "freezer").v1Root(root, "pids");
    syscalls = new FakeSyscalls();
    CgroupIo io = new CgroupIo(syscalls, fs, d -> {});
    cgroup = new CgroupV1Manager(root, Map.of("freezer", "/c", "pids", "/c"), io);
    cgroup.create();
    cgroup.addProcess(10);
    cgroup.addProcess(11);
  }

  @Test
  void aProcessForkedDuringTheFirstRoundIsKilledInTheNext() throws Exception {
    int[] round = {0};
    FakeSyscalls forking = new FakeSyscalls() {
      @Override
      public void kill(int pid, Signal signal) throws io.jcrun.linux.SyscallException {
        super.kill(pid, signal);
        fs.exit(pid);
        if (pid == 11 && round[0]++ == 0) {
          fs.setProcesses(root.resolve("freezer/c"), 12);
        }
      }
    };
    CgroupIo io = new CgroupIo(forking, fs, d -> {});
    new CgroupKiller(io).killAll(cgroup, Optional.empty(), "/c");
    assertEquals(List.of(new Kill(10, Signal.SIGKILL), new Kill(11, Signal.SIGKILL),
        new Kill(12, Signal.SIGKILL)), forking.calls(Kill.class));
    List<String> freezer = fs.writeLog().stream().filter(w -> w.contains("freezer.state")).toList();
    assertEquals(List.of("freezer/c/freezer.state=FROZEN", "freezer/c/freezer.state=THAWED",
        "freezer/c/freezer.state=FROZEN", "freezer/c/freezer.state=THAWED"), freezer);
  }

  @Test
  void aProcessThatIsAlreadyGoneIsNoError() throws Exception {
    syscalls.failWhen(c -> c instanceof Kill, Errno.ESRCH);
    fs.exit(10);
    fs.exit(11);
    new CgroupKiller(new CgroupIo(syscalls, fs, d -> {})).killAll(cgroup, Optional.empty(), "/c");
  }

  @Test
  void processesThatNeverDieAreReported() {
    CgroupException e = assertThrows(CgroupException.class,
        () -> new CgroupKiller(new CgroupIo(syscalls, fs, d -> {}))
            .killAll(cgroup, Optional.empty(), "/c"));
    assertEquals("kill the processes of cgroup /c: processes [10, 11] are still there after 5s",
        e.getMessage());
  }
}
