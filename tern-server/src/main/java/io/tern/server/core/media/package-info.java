/**
 * Media messages: uploads streamed to content-addressed blobs, types detected from the bytes, images
 * checked against decompression bombs, re-encoded without metadata and thumbnailed, references from
 * messages, access by membership window, signed download links, and the sweep of uploads no message uses.
 * Messages carry a reference and what a client needs to lay it out, never the bytes.
 */
package io.tern.server.core.media;
