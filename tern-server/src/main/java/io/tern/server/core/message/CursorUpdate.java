package io.tern.server.core.message;

/** Raise a member's deliveredSeq (never lowers it, never past the conversation's last seq). */
public record CursorUpdate(long userId, String conversationId, long deliveredSeq) {
}
