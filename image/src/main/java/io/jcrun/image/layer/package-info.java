/**
 * Layer application: a streaming tar reader, the classification of entries into changes
 * (whiteouts included), and the applier that writes them inside a root without ever following a
 * path out of it. Also the decompression of layer blobs.
 */
package io.jcrun.image.layer;
