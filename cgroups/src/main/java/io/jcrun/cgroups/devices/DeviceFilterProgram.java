package io.jcrun.cgroups.devices;

import io.jcrun.cgroups.DeviceRule;

/**
 * Generates the {@code BPF_PROG_TYPE_CGROUP_DEVICE} program that enforces a {@link DevicePolicy}
 * on cgroup v2 (after runc's and crun's device filters). The program reads {@code struct
 * bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; }} from {@code r1}, where {@code
 * access_type} is {@code (access << 16) | type}, tests each exception of the policy in turn and
 * returns its action on the first that matches, else the default (1 allows, 0 denies). The
 * exceptions all have the same action, so their order does not change the answer.
 *
 * <pre>
 *   r2 = type, r3 = access, r4 = major, r5 = minor
 *   block i:  if r2 != type goto block i+1
 *             [access test]  [if r4 != major goto block i+1]  [if r5 != minor goto block i+1]
 *             r0 = action; exit
 *   default:  r0 = default; exit
 * </pre>
 *
 * <p>Majors are 12 bits and minors 20 bits ({@code MINORBITS}), so comparing the zero-extended
 * 64-bit registers with sign-extended 32-bit immediates is exact.
 */
public final class DeviceFilterProgram {
  /** {@code BPF_DEVCG_DEV_BLOCK} and {@code BPF_DEVCG_DEV_CHAR}. */
  public static final int DEV_BLOCK = 1;
  public static final int DEV_CHAR = 2;

  private static final int R0 = 0;
  private static final int R1 = 1;
  private static final int R2 = 2;
  private static final int R3 = 3;
  private static final int R4 = 4;
  private static final int R5 = 5;

  private DeviceFilterProgram() {}

  public static BpfProgram generate(DevicePolicy policy) {
    BpfAssembler asm = new BpfAssembler()
        .loadWord(R2, R1, 0).and32(R2, 0xFFFF)
        .loadWord(R3, R1, 0).rightShift32(R3, 16)
        .loadWord(R4, R1, 4)
        .loadWord(R5, R1, 8);
    int block = 0;
    for (DeviceRule rule : policy.exceptions()) {
      String next = "block-" + (block + 1);
      int type = rule.type() == 'b' ? DEV_BLOCK : DEV_CHAR;
      asm.label("block-" + block).jumpIfNotEqual(R2, type, next);
      int bits = rule.accessBits();
      if (bits != DeviceRule.ALL_ACCESS) {
        asm.moveRegister32(R1, R3).and32(R1, bits);
        if (policy.defaultAllow()) {
          // A deny exception applies when the request shares any access bit with it.
          asm.jumpIfEqual(R1, 0, next);
        } else {
          // An allow exception applies only when it grants every requested access bit.
          asm.jumpIfNotEqualRegister(R1, R3, next);
        }
      }
      if (rule.major() != DeviceRule.WILDCARD) {
        asm.jumpIfNotEqual(R4, (int) rule.major(), next);
      }
      if (rule.minor() != DeviceRule.WILDCARD) {
        asm.jumpIfNotEqual(R5, (int) rule.minor(), next);
      }
      asm.move32(R0, rule.allow() ? 1 : 0).exit();
      block++;
    }
    return asm.label("block-" + block).move32(R0, policy.defaultAllow() ? 1 : 0).exit().assemble();
  }
}
