package io.jcrun.linux;

/** An immutable set of {@link MountFlag}s that renders as runc does: {@code MS_BIND|MS_REC}. */
public record MountFlags(long bits) {
  public static final MountFlags NONE = new MountFlags(0);

  public static MountFlags of(MountFlag... flags) {
    long bits = 0;
    for (MountFlag f : flags) {
      bits |= f.value();
    }
    return new MountFlags(bits);
  }

  public MountFlags with(MountFlag flag) {
    return new MountFlags(bits | flag.value());
  }

  public MountFlags with(MountFlags other) {
    return new MountFlags(bits | other.bits);
  }

  public MountFlags without(MountFlag flag) {
    return new MountFlags(bits & ~flag.value());
  }

  public boolean has(MountFlag flag) {
    return (bits & flag.value()) != 0;
  }

  public boolean isEmpty() {
    return bits == 0;
  }

  @Override
  public String toString() {
    if (bits == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    long rest = bits;
    for (MountFlag f : MountFlag.values()) {
      if ((bits & f.value()) != 0) {
        if (!sb.isEmpty()) {
          sb.append('|');
        }
        sb.append(f.name());
        rest &= ~f.value();
      }
    }
    if (rest != 0) {
      sb.append(sb.isEmpty() ? "" : "|").append("0x").append(Long.toHexString(rest));
    }
    return sb.toString();
  }
}
