package io.tern.server.core.message;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Port: where conversations, messages and member cursors are kept. Every method may throw StoreException. */
public interface MessageStore {
    /**
     * Commits drafts and cursor updates in one transaction: each draft is either found to be a duplicate of
     * (sender, clientMsgId), refused (unknown recipient, not a member, muted), or stored with the
     * conversation's next seq, applying its membership change at that seq. Results are in draft order.
     */
    List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now, Supplier<String> msgIds);

    /*
     * The reads below return, in a group conversation, only the messages inside one of {@code userId}'s
     * membership windows (a member who left and rejoined sees both windows, not the gap between them).
     */

    /** Up to {@code limit} messages with {@code afterSeq < seq <= maxSeq}, ascending. */
    List<Message> after(long userId, String conversationId, long afterSeq, long maxSeq, int limit);

    /** The newest {@code limit} messages with {@code minSeq < seq < beforeSeq}, ascending. */
    List<Message> before(long userId, String conversationId, long beforeSeq, long minSeq, int limit);

    /** The user's place in the conversation; its {@code joinedSeq} is the start of the user's first window. */
    Optional<Membership> membership(long userId, String conversationId);

    /** The user's conversations, the most recently active first (including groups the user left). */
    List<Membership> memberships(long userId, int limit, int offset);

    /** Messages with {@code afterSeq < seq <= maxSeq} that are no older than {@code sinceTs}. */
    Backlog backlog(long userId, String conversationId, long afterSeq, long maxSeq, long sinceTs);

    /** The newest message with {@code seq <= maxSeq}. */
    Optional<Message> last(long userId, String conversationId, long maxSeq);

    /** Users whose read cursor is at or past {@code seq}, among those with a window that contains it. */
    List<Long> readers(String conversationId, long seq, long exceptUserId);
}
