/**
 * JSON without Jackson's databind, for the files the short verbs read and write on every call:
 * {@link io.jcrun.spec.json.JsonTree} parses to plain values, {@link
 * io.jcrun.spec.json.RecordJson} maps them to the spec's records (handing anything unusual to
 * Jackson), {@link io.jcrun.spec.json.GoJson} writes what Go's {@code encoding/json} writes.
 */
package io.jcrun.spec.json;
