package io.jcrun.namespaces;

import io.jcrun.linux.NamespaceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The namespaces of a container in the order the kernel needs them: the user namespace first
 * (joining it grants the capabilities the other joins need; runc's "keep user NS always
 * first"), the mount namespace last among joins so paths of the others still resolve on the
 * host. Immutable; at most one action per type.
 */
public record NamespacePlan(List<NamespaceAction> actions) {
  private static final List<NamespaceType> JOIN_ORDER = List.of(
      NamespaceType.USER, NamespaceType.IPC, NamespaceType.UTS, NamespaceType.NETWORK,
      NamespaceType.PID, NamespaceType.CGROUP, NamespaceType.TIME, NamespaceType.MOUNT);

  public NamespacePlan {
    List<NamespaceAction> sorted = new ArrayList<>(actions);
    sorted.sort(Comparator.comparingInt(a -> JOIN_ORDER.indexOf(a.type())));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).type() == sorted.get(i - 1).type()) {
        throw new IllegalArgumentException("duplicate namespace \"" + sorted.get(i).type().ociName() + "\"");
      }
    }
    actions = List.copyOf(sorted);
  }

  public static NamespacePlan none() {
    return new NamespacePlan(List.of());
  }

  public Optional<NamespaceAction> get(NamespaceType type) {
    return actions.stream().filter(a -> a.type() == type).findFirst();
  }

  public boolean creates(NamespaceType type) {
    return get(type).filter(a -> a instanceof NamespaceAction.Create).isPresent();
  }

  /** Whether the container has its own namespace of this type, created or joined. */
  public boolean has(NamespaceType type) {
    return get(type).isPresent();
  }

  /** The CLONE_NEW* flags of the namespaces to create. */
  public long cloneFlags() {
    long flags = 0;
    for (NamespaceAction a : actions) {
      if (a instanceof NamespaceAction.Create) {
        flags |= a.type().cloneFlag();
      }
    }
    return flags;
  }

  /**
   * The order to join existing namespaces in. As root, the user namespace goes last: before
   * it, the host's capabilities reach every namespace, also those a container's user namespace
   * does not own (a network namespace joined by path). An unprivileged caller has capabilities
   * only inside the container's user namespace, so it must join that first.
   */
  public static List<NamespaceType> joinOrder(java.util.Collection<NamespaceType> types,
      boolean userFirst) {
    List<NamespaceType> out = new ArrayList<>(types);
    out.sort(Comparator.comparingInt(t -> t == NamespaceType.USER ? (userFirst ? -1 : 99)
        : JOIN_ORDER.indexOf(t)));
    return out;
  }

  public List<NamespaceAction.Join> joins() {
    return actions.stream().filter(a -> a instanceof NamespaceAction.Join)
        .map(a -> (NamespaceAction.Join) a).toList();
  }
}
