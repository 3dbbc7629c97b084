package io.jcrun.cgroups.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcrun.cgroups.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated eBPF program, run in an interpreter on (type, major, minor, access) tuples. */
class DeviceFilterProgramTest {
  /** Docker's default: deny everything, then the defaults. */
  static final List<DeviceRule> DOCKER = DefaultDeviceRules.withDefaults(
      List.of(DeviceRule.deny('a', -1, -1, "rwm")));

  static BpfInterpreter program(List<DeviceRule> rules) {
    return new BpfInterpreter(DeviceFilterProgram.generate(DevicePolicy.of(rules)));
  }

  @ParameterizedTest(name = "{0} {1}:{2} {3} -> {4}")
  @CsvSource({
      "c, 1, 3, rw, true",       // /dev/null
      "c, 1, 3, rwm, true",
      "c, 1, 5, r, true",        // /dev/zero
      "c, 1, 9, r, true",        // /dev/urandom
      "c, 5, 0, rw, true",       // /dev/tty
      "c, 5, 2, rw, true",       // /dev/ptmx
      "c, 136, 7, rw, true",     // /dev/pts/7
      "c, 10, 200, rw, true",    // /dev/net/tun
      "c, 1, 11, r, false",      // /dev/kmsg
      "c, 1, 1, r, false",       // /dev/mem
      "c, 5, 1, rw, false",      // /dev/console (a pts bind mount in containers)
      "b, 8, 0, r, false",       // /dev/sda
      "b, 8, 0, m, true",        // mknod of anything is allowed, opening is not
      "c, 4, 1, m, true",
      "c, 4, 1, rm, false"})
  void dockersDefaultPolicy(char type, long major, long minor, String access, boolean allowed) {
    BpfInterpreter p = program(DOCKER);
    assertEquals(allowed, p.allows(type, major, minor, BpfInterpreter.access(access)));
    assertEquals(allowed, DevicePolicy.of(DOCKER).allows(type, major, minor,
        BpfInterpreter.access(access)));
  }

  @Test
  void theProgramAgreesWithThePolicyEverywhere() {
    List<List<DeviceRule>> policies = List.of(
        DOCKER,
        DefaultDeviceRules.withDefaults(List.of(DeviceRule.allow('a', -1, -1, "rwm"))),
        DefaultDeviceRules.withDefaults(List.of(DeviceRule.deny('a', -1, -1, "rwm"),
            DeviceRule.allow('b', 8, -1, "r"), DeviceRule.allow('c', 4, 1, "w"))),
        List.of(DeviceRule.allow('a', -1, -1, "rwm"), DeviceRule.deny('c', 1, 3, "w"),
            DeviceRule.deny('b', -1, 0, "rm")),
        List.of());
    List<char[]> types = List.of(new char[] {'b'}, new char[] {'c'});
    for (List<DeviceRule> rules : policies) {
      BpfInterpreter program = program(rules);
      DevicePolicy policy = DevicePolicy.of(rules);
      for (char[] t : types) {
        for (long major : new long[] {0, 1, 4, 5, 8, 10, 136, 4095}) {
          for (long minor : new long[] {0, 1, 3, 5, 200, (1 << 20) - 1}) {
            for (int access = 1; access <= 7; access++) {
              assertEquals(policy.allows(t[0], major, minor, access),
                  program.allows(t[0], major, minor, access),
                  rules + ": " + t[0] + " " + major + ":" + minor + " " + access);
            }
          }
        }
      }
    }
  }

  @Test
  void anAllowAllPolicyDeniesWhatItsDenyRulesShareAnyAccessWith() {
    BpfInterpreter p = program(List.of(DeviceRule.allow('a', -1, -1, "rwm"),
        DeviceRule.deny('c', 1, 3, "w")));
    assertEquals(true, p.allows('c', 1, 3, DeviceRule.READ));
    assertEquals(false, p.allows('c', 1, 3, DeviceRule.READ | DeviceRule.WRITE));
    assertEquals(true, p.allows('c', 1, 4, DeviceRule.WRITE));
  }

  @Test
  void aDenyAllPolicyNeedsOneRuleGrantingEveryRequestedBit() {
    BpfInterpreter p = program(List.of(DeviceRule.allow('c', 1, 3, "r"),
        DeviceRule.allow('c', 1, -1, "w")));
    assertEquals(true, p.allows('c', 1, 3, DeviceRule.READ));
    assertEquals(true, p.allows('c', 1, 3, DeviceRule.WRITE));
    assertEquals(false, p.allows('c', 1, 3, DeviceRule.READ | DeviceRule.WRITE));
  }

  @Test
  void listsTheProgramLikeTheVerifier() {
    BpfProgram p = DeviceFilterProgram.generate(DevicePolicy.of(List.of(
        DeviceRule.allow('c', 1, 3, "rw"), DeviceRule.allow('b', -1, -1, "m"))));
    assertEquals("""
          0: r2 = *(u32 *)(r1 + 0)
          1: w2 &= 65535
          2: r3 = *(u32 *)(r1 + 0)
          3: w3 >>= 16
          4: r4 = *(u32 *)(r1 + 4)
          5: r5 = *(u32 *)(r1 + 8)
          6: if r2 != 1 goto +5  ; -> 12
          7: w1 = w3
          8: w1 &= 1
          9: if r1 != r3 goto +2  ; -> 12
         10: w0 = 1
         11: exit
         12: if r2 != 2 goto +7  ; -> 20
         13: w1 = w3
         14: w1 &= 6
         15: if r1 != r3 goto +4  ; -> 20
         16: if r4 != 1 goto +3  ; -> 20
         17: if r5 != 3 goto +2  ; -> 20
         18: w0 = 1
         19: exit
         20: w0 = 0
         21: exit
        """, p.listing());
  }

  @Test
  void encodesAndDecodesTheKernelsInstructionLayout() {
    BpfProgram p = DeviceFilterProgram.generate(DevicePolicy.of(DOCKER));
    byte[] bytes = p.bytes();
    assertEquals(p.instructions().size() * 8, bytes.length);
    assertEquals(p, BpfProgram.decode(bytes));
    // "r2 = *(u32 *)(r1 + 0)": code 0x61, src r1 in the high nibble, dst r2 in the low one.
    assertEquals(List.of((byte) 0x61, (byte) 0x12, (byte) 0, (byte) 0), List.of(bytes[0], bytes[1],
        bytes[2], bytes[3]));
    // "r4 = *(u32 *)(r1 + 4)": the offset is little-endian.
    assertEquals(4, bytes[4 * 8 + 2]);
    List<Byte> exit = new ArrayList<>();
    for (int i = bytes.length - 8; i < bytes.length; i++) {
      exit.add(bytes[i]);
    }
    assertEquals(List.of((byte) 0x95, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
        (byte) 0), exit);
  }
}
