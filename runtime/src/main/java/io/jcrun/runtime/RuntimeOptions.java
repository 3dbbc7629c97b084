package io.jcrun.runtime;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every verb of one jcrun invocation shares: the state root ({@code --root}), the
 * executor binary, {@code /proc} and the cgroupfs root (parameters so tests can point
 * elsewhere), whether cgroups are managed at all ({@code --cgroup-manager disabled}) or asked
 * of systemd (not supported), whether jcrun runs without root ({@code --rootless}, or not
 * uid 0), and where
 * warnings go (settings accepted but not applied, as runc warns about them).
 */
public record RuntimeOptions(Path stateRoot, Path initBinary, Path procRoot, Path cgroupRoot,
    boolean cgroupsDisabled, boolean systemdCgroup, boolean rootless,
    Consumer<String> warnings) {}
