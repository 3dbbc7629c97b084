package io.jcrun.runtime.state;

import io.jcrun.spec.LinuxSeccomp;
import io.jcrun.spec.Process;

/**
 * The part of a container's config that only {@code exec} needs, kept in {@code exec.json}
 * beside {@code state.json}: the verbs engines call most read the state without it.
 *
 * @param process the config's process, the base of an exec's process
 * @param seccomp the config's seccomp profile, which an exec's process gets too; null for none
 */
public record ExecBase(Process process, LinuxSeccomp seccomp) {}
