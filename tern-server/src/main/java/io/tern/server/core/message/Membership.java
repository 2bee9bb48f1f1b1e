package io.tern.server.core.message;

/** A user's place in one conversation: the conversation's last seq and the user's cursors. */
public record Membership(String conversationId, long lastSeq, long lastTs, long deliveredSeq, long readSeq) {
    public long unread() {
        return Math.max(0, lastSeq - readSeq);
    }
}
