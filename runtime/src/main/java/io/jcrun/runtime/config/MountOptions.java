package io.jcrun.runtime.config;

import io.jcrun.linux.MountFlag;
import io.jcrun.linux.MountFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed options of one mount: mount(2) flags, propagation, recursive attributes, and the
 * leftover options joined as filesystem data. Later options override earlier ones, as in fstab.
 */
public record MountOptions(MountFlags flags, long propagation, boolean propagationRecursive,
    long recursiveAttrSet, long recursiveAttrClear, String data) {

  /** Options that name features jcrun does not implement: refused, never ignored. */
  private static final List<String> UNSUPPORTED = List.of("idmap", "ridmap", "tmpcopyup");

  public static MountOptions parse(List<String> options, String path) throws InvalidConfigException {
    long flags = 0;
    long propagation = 0;
    boolean propagationRecursive = false;
    long attrSet = 0;
    long attrClear = 0;
    List<String> data = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String name = options.get(i);
      if (name == null) {
        throw new InvalidConfigException(path + "[" + i + "]", "must be a string");
      }
      if (UNSUPPORTED.contains(name)) {
        throw new InvalidConfigException(path + "[" + i + "]",
            "mount option \"" + name + "\" is not supported by jcrun");
      }
      MountOption o = MountOption.find(name);
      if (o == null) {
        data.add(name);
        continue;
      }
      switch (o.kind()) {
        case SET -> flags |= o.value();
        case CLEAR -> flags &= ~o.value();
        case PROPAGATION, RECURSIVE_PROPAGATION -> {
          propagation = o.value();
          propagationRecursive = o.kind() == MountOption.Kind.RECURSIVE_PROPAGATION;
        }
        case RECURSIVE_ATTR_SET -> {
          attrSet |= o.value();
          attrClear &= ~o.value();
        }
        case RECURSIVE_ATTR_CLEAR -> {
          attrClear |= o.value();
          attrSet &= ~o.value();
        }
        case RECURSIVE_ATIME -> {
          attrSet = (attrSet & ~MountAttr.ATIME_MASK) | o.value();
          attrClear |= MountAttr.ATIME_MASK;
        }
      }
    }
    if (options.contains("rbind")) {
      flags |= MountFlag.MS_REC.value();
    }
    return new MountOptions(new MountFlags(flags), propagation, propagationRecursive, attrSet,
        attrClear, data.isEmpty() ? null : String.join(",", data));
  }
}
