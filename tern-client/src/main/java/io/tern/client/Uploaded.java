package io.tern.client;

import io.tern.protocol.RawJson;

/**
 * A stored upload: its id, the type the server detected from the bytes, its size, name, and for an image its
 * size in pixels (0 otherwise). {@code content} is a message content naming it, ready to send (add a
 * {@code caption} if you like).
 */
public record Uploaded(String mediaId, String mime, long size, String name, int width, int height, RawJson content) {
}
