package io.jcrun.runtime;

import java.nio.file.Path;

/**
 * What every verb of one jcrun invocation shares: the state root ({@code --root}), the
 * executor binary, and {@code /proc} (a parameter so tests can point elsewhere).
 */
public record RuntimeOptions(Path stateRoot, Path initBinary, Path procRoot) {}
