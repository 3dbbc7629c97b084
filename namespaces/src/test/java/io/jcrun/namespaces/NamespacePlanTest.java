package io.jcrun.namespaces;

import static io.jcrun.linux.NamespaceType.MOUNT;
import static io.jcrun.linux.NamespaceType.NETWORK;
import static io.jcrun.linux.NamespaceType.PID;
import static io.jcrun.linux.NamespaceType.TIME;
import static io.jcrun.linux.NamespaceType.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacePlanTest {
  @Test
  void putsTheUserNamespaceFirstAndMountLastAmongJoins() {
    NamespacePlan plan = new NamespacePlan(List.of(
        new NamespaceAction.Join(MOUNT, "/proc/1/ns/mnt"), new NamespaceAction.Create(PID),
        new NamespaceAction.Join(NETWORK, "/proc/1/ns/net"),
        new NamespaceAction.Join(USER, "/proc/1/ns/user")));
    assertEquals(List.of(USER, NETWORK, PID, MOUNT),
        plan.actions().stream().map(NamespaceAction::type).toList());
    assertEquals(List.of(USER, NETWORK, MOUNT),
        plan.joins().stream().map(NamespaceAction::type).toList());
  }

  @Test
  void combinesTheCloneFlagsOfCreatedNamespaces() {
    NamespacePlan plan = new NamespacePlan(List.of(new NamespaceAction.Create(PID),
        new NamespaceAction.Create(TIME), new NamespaceAction.Join(NETWORK, "/x")));
    assertEquals(PID.cloneFlag() | TIME.cloneFlag(), plan.cloneFlags());
    assertTrue(plan.creates(PID));
    assertTrue(plan.has(NETWORK));
  }

  @Test
  void rejectsDuplicates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NamespacePlan(List.of(new NamespaceAction.Create(PID),
            new NamespaceAction.Join(PID, "/x"))));
    assertEquals("duplicate namespace \"pid\"", e.getMessage());
  }
}
