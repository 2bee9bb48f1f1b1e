package io.tern.server.core.message;

/**
 * A user's place in one conversation: the conversation's last seq, the user's cursors, and the window of
 * seqs the user may see: after {@code joinedSeq}, up to {@code leftSeq} (null while still a member).
 */
public record Membership(String conversationId, long lastSeq, long lastTs, long deliveredSeq, long readSeq,
                         long joinedSeq, Long leftSeq, long uncounted, long mentions) {

    /**
     * {@code uncounted}: control events (never unread) among the seqs {@link #unread} would count;
     * {@code mentions}: the unread messages that mention the user (or everyone).
     */
    public Membership(String conversationId, long lastSeq, long lastTs, long deliveredSeq, long readSeq,
                      long joinedSeq, Long leftSeq) {
        this(conversationId, lastSeq, lastTs, deliveredSeq, readSeq, joinedSeq, leftSeq, 0, 0);
    }

    /** The last seq this member may see. */
    public long visibleLastSeq() {
        return leftSeq == null ? lastSeq : Math.min(leftSeq, lastSeq);
    }

    public boolean active() {
        return leftSeq == null;
    }

    public long unread() {
        return Math.max(0, visibleLastSeq() - Math.max(readSeq, joinedSeq) - uncounted);
    }
}
