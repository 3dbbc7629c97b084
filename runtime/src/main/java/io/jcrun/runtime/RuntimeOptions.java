package io.jcrun.runtime;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every verb of one jcrun invocation shares: the state root ({@code --root}), the
 * executor binary, {@code /proc} (a parameter so tests can point elsewhere), and where
 * warnings go (settings accepted but not applied, as runc warns about them).
 */
public record RuntimeOptions(Path stateRoot, Path initBinary, Path procRoot,
    Consumer<String> warnings) {}
