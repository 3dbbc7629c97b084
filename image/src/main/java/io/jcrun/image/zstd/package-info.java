/**
 * A Zstandard decoder (RFC 8878): frames, raw, RLE and compressed blocks, Huffman literals, FSE
 * sequences, the content checksum. No dictionaries. Pure Java; depends on nothing else in jcrun.
 */
package io.jcrun.image.zstd;
