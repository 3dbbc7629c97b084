package io.jcrun.runtime.seccomp;

import java.util.Arrays;

/**
 * A seccomp architecture as the OCI spec names it ({@code SCMP_ARCH_*}). jcrun has syscall tables
 * for x86_64, x86 (i386), x32 and aarch64; the other names parse, so that a profile written for
 * several hosts is accepted, and are left out of the filter (see {@link
 * CompiledFilter#skippedArchitectures()}).
 */
public enum SeccompArch {
  SCMP_ARCH_X86(AuditArch.I386, "i386"),
  SCMP_ARCH_X86_64(AuditArch.X86_64, "x86_64"),
  /** The x32 ABI: x86_64's audit arch, syscall numbers with bit 0x40000000 set. */
  SCMP_ARCH_X32(AuditArch.X86_64, "x32"),
  SCMP_ARCH_ARM,
  SCMP_ARCH_AARCH64(AuditArch.AARCH64, "aarch64"),
  SCMP_ARCH_MIPS,
  SCMP_ARCH_MIPS64,
  SCMP_ARCH_MIPS64N32,
  SCMP_ARCH_MIPSEL,
  SCMP_ARCH_MIPSEL64,
  SCMP_ARCH_MIPSEL64N32,
  SCMP_ARCH_PPC,
  SCMP_ARCH_PPC64,
  SCMP_ARCH_PPC64LE,
  SCMP_ARCH_S390,
  SCMP_ARCH_S390X,
  SCMP_ARCH_PARISC,
  SCMP_ARCH_PARISC64,
  SCMP_ARCH_RISCV64,
  SCMP_ARCH_LOONGARCH64,
  SCMP_ARCH_M68K,
  SCMP_ARCH_SH,
  SCMP_ARCH_SHEB;

  /** {@code AUDIT_ARCH_*} values of linux/audit.h: what the kernel puts in seccomp_data.arch. */
  static final class AuditArch {
    static final int I386 = 0x4000_0003;
    static final int X86_64 = 0xC000_003E;
    static final int AARCH64 = 0xC000_00B7;

    private AuditArch() {}
  }

  private final int auditArch;
  private final String tableName;

  SeccompArch(int auditArch, String tableName) {
    this.auditArch = auditArch;
    this.tableName = tableName;
  }

  SeccompArch() {
    this(0, null);
  }

  /**
   * Parses an OCI architecture name such as {@code SCMP_ARCH_X86_64}.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code name} is not one
   */
  public static SeccompArch parse(String name) {
    for (SeccompArch arch : values()) {
      if (arch.name().equals(name)) {
        return arch;
      }
    }
    throw new IllegalArgumentException(
        "\"" + name + "\" is not one of " + Arrays.toString(values()));
  }

  /**
   * The architecture the JVM runs on, which runc's libseccomp filter always includes.
   *
   * @throws IllegalStateException on a host jcrun has no syscall table for
   */
  public static SeccompArch nativeArch() {
    String osArch = System.getProperty("os.arch");
    return switch (osArch) {
      case "amd64", "x86_64" -> SCMP_ARCH_X86_64;
      case "x86", "i386", "i486", "i586", "i686" -> SCMP_ARCH_X86;
      case "aarch64", "arm64" -> SCMP_ARCH_AARCH64;
      default ->
          throw new IllegalStateException(
              "seccomp: host architecture \""
                  + osArch
                  + "\" has no syscall table in jcrun, expected"
                  + " one of [amd64, x86, aarch64]");
    };
  }

  /** Whether jcrun has a syscall table for this architecture and can filter it. */
  public boolean supported() {
    return tableName != null;
  }

  /** The {@code AUDIT_ARCH_*} value the kernel reports for this architecture's syscalls. */
  public int auditArch() {
    requireSupported();
    return auditArch;
  }

  /**
   * Whether syscall arguments are 32 bits wide. libseccomp then compares only the low word of
   * seccomp_data.args[i] (and of the rule's values), since the kernel zero-extends them.
   */
  boolean has32BitArgs() {
    return this == SCMP_ARCH_X86;
  }

  /** The suffix of this architecture's table resource, {@code syscalls-<name>.txt}. */
  String tableName() {
    requireSupported();
    return tableName;
  }

  private void requireSupported() {
    if (!supported()) {
      throw new UnsupportedOperationException("seccomp: jcrun has no syscall table for " + name());
    }
  }
}
