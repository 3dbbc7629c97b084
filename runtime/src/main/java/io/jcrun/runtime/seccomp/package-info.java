/**
 * A seccomp BPF compiler in pure Java, in place of libseccomp.
 *
 * <pre>
 * SeccompProfile (model, parsed from OCI names)
 *   → SeccompCompiler      names → numbers per architecture (SyscallTable), runc/libseccomp
 *                          rule semantics → syscall number ranges per arch (ArchFilter)
 *   → FilterCodeGenerator  arch dispatch + binary search + argument checks
 *   → BpfAssembler         labels → offsets, BPF_JA trampolines for jumps past 255
 *   → CompiledFilter       sock_filter bytes + seccomp(2) flags, ready for SECCOMP_SET_MODE_FILTER
 * </pre>
 *
 * <p>{@link io.jcrun.runtime.seccomp.BpfDisassembler} prints a program the way libseccomp's {@code
 * scmp_bpf_disasm} does. The syscall tables are class-path resources generated from the kernel
 * headers by {@code generate-tables.sh} beside them.
 */
package io.jcrun.runtime.seccomp;
