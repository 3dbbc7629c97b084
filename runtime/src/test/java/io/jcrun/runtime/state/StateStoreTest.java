package io.jcrun.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcrun.runtime.JcrunException;
import io.jcrun.runtime.config.HookConfig;
import io.jcrun.runtime.config.HooksConfig;
import io.jcrun.spec.Process;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path tmp;

  private static ContainerState state(String id) {
    return new ContainerState(id, "1.2.0", 42, 1234L, "/b", "/b/rootfs",
        "2026-01-02T03:04:05.123456789Z", 0, Map.of("k", "v"), Map.of(), true, List.of("pid"),
        HooksConfig.NONE);
  }

  /** Every field set, with text that needs escaping. */
  private static ContainerState full(String id) {
    HookConfig hook = new HookConfig("/bin/hook", List.of("hook", "a \"b\"\n<&>"),
        List.of("K=\u00e9\u2028"), 5);
    return new ContainerState(id, "1.2.0", Integer.MAX_VALUE, Long.MAX_VALUE, "/b \\ x",
        "/b/rootfs", "2026-01-02T03:04:05.123456789Z", 1000,
        Map.of("org.opencontainers.image.title", "t\u0001", "b", ""),
        Map.of("memory", "/sys/fs/cgroup/memory/jcrun/c1", "", "/sys/fs/cgroup/unified/c1"),
        false, List.of("pid", "net", "mount"),
        new HooksConfig(List.of(hook), List.of(), List.of(hook, hook), List.of(hook), List.of(),
            List.of(hook)));
  }

  @Test
  void everyFieldSurvivesTheRoundTripAndTheExecBaseIsKeptApart() throws Exception {
    StateStore store = new StateStore(tmp);
    ContainerId id = ContainerId.of("c1");
    store.create(id);
    store.save(full("c1"));
    assertEquals(full("c1"), store.load(id));
    Process process = new Process(false, null, new Process.User(7L, 8L, null, null, null),
        List.of("sh"), null, List.of("PATH=/bin"), "/", null, null, null, null, null, null, null,
        null, null);
    store.saveExecBase(id, new ExecBase(process, null));
    assertEquals(new ExecBase(process, null), store.execBase(id));
    assertFalse(Files.readString(tmp.resolve("c1/state.json")).contains("PATH=/bin"));
  }

  @Test
  void unknownFieldsAreIgnoredAndWrongTypesNamed() throws Exception {
    StateStore store = new StateStore(tmp);
    ContainerId id = ContainerId.of("c1");
    store.create(id);
    Files.writeString(tmp.resolve("c1/state.json"),
        "{\"id\":\"c1\",\"future\":{\"x\":[1,2.5]},\"pid\":3}");
    assertEquals(3, store.load(id).pid());
    Files.writeString(tmp.resolve("c1/state.json"),
        "{\"id\":\"c1\",\"hooks\":{\"poststop\":[{\"path\":7}]}}");
    JcrunException e = assertThrows(JcrunException.class, () -> store.load(id));
    assertEquals("read " + tmp.resolve("c1/state.json")
        + ": hooks.poststop[0].path: expected a string, got a number", e.getMessage());
  }

  @Test
  void createsAtomicallyAndRefusesAnIdThatExists() throws Exception {
    StateStore store = new StateStore(tmp.resolve("root"));
    ContainerId id = ContainerId.of("c1");
    Path dir = store.create(id);
    assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("root"))));
    ContainerExistsException e = assertThrows(ContainerExistsException.class, () -> store.create(id));
    assertEquals("container with given ID already exists", e.getMessage());
  }

  @Test
  void savesAndLoadsTheStateReplacingItAtomically() throws Exception {
    StateStore store = new StateStore(tmp);
    store.create(ContainerId.of("c1"));
    store.save(state("c1"));
    store.save(state("c1"));
    assertEquals(state("c1"), store.load(ContainerId.of("c1")));
    try (var files = Files.list(tmp.resolve("c1"))) {
      assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aMissingContainerIsRuncsSentinel() {
    StateStore store = new StateStore(tmp);
    ContainerNotFoundException e = assertThrows(ContainerNotFoundException.class,
        () -> store.load(ContainerId.of("nope")));
    assertEquals("container does not exist", e.getMessage());
    assertThrows(ContainerNotFoundException.class, () -> store.lock(ContainerId.of("nope")));
  }

  @Test
  void listsOnlyDirectoriesWithAStateAndDeletesEverything() throws Exception {
    StateStore store = new StateStore(tmp);
    for (String id : List.of("b", "a")) {
      store.create(ContainerId.of(id));
      store.save(state(id));
    }
    store.create(ContainerId.of("half-created"));
    assertEquals(List.of("a", "b"), store.list().stream().map(ContainerId::value).toList());
    Files.writeString(tmp.resolve("a/extra"), "x");
    store.delete(ContainerId.of("a"));
    assertFalse(Files.exists(tmp.resolve("a")));
    store.delete(ContainerId.of("a"));
    assertTrue(new StateStore(tmp.resolve("absent")).list().isEmpty());
  }

  @Test
  void locksAreExclusiveAcrossHolders() throws Exception {
    StateStore store = new StateStore(tmp);
    ContainerId id = ContainerId.of("c1");
    store.create(id);
    try (ContainerLock lock = store.lock(id)) {
      assertTrue(lock.isHeld());
    }
    try (ContainerLock again = store.lock(id)) {
      assertTrue(again.isHeld());
    }
  }
}
