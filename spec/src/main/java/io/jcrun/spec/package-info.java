/**
 * Records mirroring the OCI runtime-spec JSON ({@code config.json}, the state, {@code features}),
 * the one configured Jackson mapper ({@link io.jcrun.spec.SpecMapper}, which reads records through
 * {@link io.jcrun.spec.json} first) and the default spec. A leaf package: it depends on Jackson
 * only, and nothing here validates values or touches the host.
 */
package io.jcrun.spec;
