package io.tern.server.core.message;

/**
 * Raise a member's cursors: {@code deliveredSeq} and {@code readSeq} (0 leaves it). Cursors never go down
 * and never past the last seq the member may see.
 */
public record CursorUpdate(long userId, String conversationId, long deliveredSeq, long readSeq) {
}
