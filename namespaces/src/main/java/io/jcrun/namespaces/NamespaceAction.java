package io.jcrun.namespaces;

import io.jcrun.linux.NamespaceType;

/** What to do about one namespace: create a new one, or join an existing one by path. */
public sealed interface NamespaceAction {
  NamespaceType type();

  record Create(NamespaceType type) implements NamespaceAction {}

  record Join(NamespaceType type, String path) implements NamespaceAction {}
}
