package io.jcrun.overlayfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.linux.Errno;
import io.jcrun.linux.FakeSyscalls;
import io.jcrun.linux.MountFlags;
import io.jcrun.linux.OpenFlags;
import io.jcrun.linux.SyscallCall;
import io.jcrun.linux.SyscallCall.Close;
import io.jcrun.linux.SyscallCall.FsconfigCreate;
import io.jcrun.linux.SyscallCall.FsconfigSetFlag;
import io.jcrun.linux.SyscallCall.FsconfigSetString;
import io.jcrun.linux.SyscallCall.Fsmount;
import io.jcrun.linux.SyscallCall.Fsopen;
import io.jcrun.linux.SyscallCall.Mount;
import io.jcrun.linux.SyscallCall.MoveMount;
import io.jcrun.linux.SyscallCall.Openat;
import io.jcrun.linux.SyscallCall.Umount2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OverlayMounterTest {
  private final FakeSyscalls syscalls = new FakeSyscalls();
  private final OverlayMounter mounter = new OverlayMounter(syscalls);

  private static List<Path> layers(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> Path.of("/var/lib/jcrun/layers/sha256/" + "%064d".formatted(i) + "/diff"))
        .toList();
  }

  @Test
  void mountsAFewLayersWithOneMountCall() throws Exception {
    mounter.mount(new OverlayMount(List.of(Path.of("/a"), Path.of("/b")), Path.of("/u"),
        Path.of("/w"), Path.of("/t")));

    assertEquals(List.of(new Mount("overlay", "/t", "overlay", MountFlags.NONE,
        "lowerdir=/a:/b,upperdir=/u,workdir=/w")), syscalls.calls());
  }

  @Test
  void mountsManyLayersWithLowerdirPlus() throws Exception {
    List<Path> lowers = layers(60);
    mounter.mount(new OverlayMount(lowers, Path.of("/u"), Path.of("/w"), Path.of("/t"),
        List.of("userxattr", "redirect_dir=off")));

    List<SyscallCall> expected = new ArrayList<>();
    expected.add(new Fsopen("overlay"));
    expected.add(new FsconfigSetString(100, "source", "overlay"));
    lowers.forEach(l -> expected.add(new FsconfigSetString(100, "lowerdir+", l.toString())));
    expected.add(new FsconfigSetString(100, "upperdir", "/u"));
    expected.add(new FsconfigSetString(100, "workdir", "/w"));
    expected.add(new FsconfigSetFlag(100, "userxattr"));
    expected.add(new FsconfigSetString(100, "redirect_dir", "off"));
    expected.add(new FsconfigCreate(100));
    expected.add(new Fsmount(100, 0));
    expected.add(new MoveMount(101, "/t"));
    expected.add(new Close(101));
    expected.add(new Close(100));
    assertEquals(expected, syscalls.calls());
  }

  @Test
  void fallsBackToShortNamesWithoutLowerdirPlus() throws Exception {
    syscalls.failWhen(c -> c instanceof FsconfigSetString s && s.key().equals("lowerdir+"),
        Errno.EINVAL);
    List<Path> lowers = layers(60);

    mounter.mount(new OverlayMount(lowers, Path.of("/u"), Path.of("/w"), Path.of("/t")));

    List<Openat> opens = syscalls.calls(Openat.class);
    assertEquals(60, opens.size());
    assertEquals(new Openat(-100, lowers.getFirst().toString(),
        OpenFlags.O_PATH | OpenFlags.O_DIRECTORY, 0), opens.getFirst());
    Mount mount = syscalls.calls(Mount.class).getFirst();
    assertTrue(mount.data().startsWith("lowerdir=/proc/self/fd/101:/proc/self/fd/102:"),
        mount.data());
    assertTrue(mount.data().endsWith(":/proc/self/fd/160,upperdir=/u,workdir=/w"), mount.data());
    assertEquals(60 + 1, syscalls.calls(Close.class).size()); // the lower fds and the fs context
  }

  @Test
  void reportsWhenEvenShortNamesDoNotFit() {
    syscalls.failWhen(c -> c instanceof FsconfigSetString s && s.key().equals("lowerdir+"),
        Errno.EINVAL);

    var e = assertThrows(OverlayException.class, () -> mounter.mount(
        new OverlayMount(layers(300), Path.of("/u"), Path.of("/w"), Path.of("/t"))));

    assertTrue(e.getMessage().startsWith("mount overlay on /t: 300 lower dirs need "),
        e.getMessage());
    assertTrue(syscalls.calls(Mount.class).isEmpty());
  }

  @Test
  void wrapsMountFailures() {
    syscalls.failWhen(c -> c instanceof Mount, Errno.ENODEV);

    var e = assertThrows(OverlayException.class, () -> mounter.mount(
        new OverlayMount(List.of(Path.of("/a")), Path.of("/u"), Path.of("/w"), Path.of("/t"))));

    assertTrue(e.getMessage().startsWith("mount overlay on /t: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("ENODEV (No such device)"), e.getMessage());
  }

  @Test
  void unmountDetachesWhenBusy() throws Exception {
    syscalls.failWhen(c -> c instanceof Umount2 u && u.flags() == 0, Errno.EBUSY);

    assertTrue(mounter.unmount(Path.of("/t")));

    assertEquals(List.of(new Umount2("/t", 0), new Umount2("/t", 2)), syscalls.calls());
  }

  @Test
  void unmountOfSomethingNotMountedIsNoOp() throws Exception {
    syscalls.failWhen(c -> c instanceof Umount2, Errno.EINVAL);

    assertFalse(mounter.unmount(Path.of("/t")));
  }
}
