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

    /**
     * Work the writer does between batches: a store whose search index trails the messages adds up to
     * {@code maxRows} of them to it — in a quiet moment ({@code quiet}: nothing arrived for a while), or when the
     * trail grew too long to scan. Returns whether more is waiting. Called by the writer's thread only.
     */
    default boolean catchUpSearch(int maxRows, boolean quiet) {
        return false;
    }

    /**
     * Up to {@code limit} messages with {@code afterSeq < seq <= maxSeq}, ascending, whoever may see them: for
     * the server's own use (filling a gap in the push order), never answered to a client as such. Change events
     * are left out: who may see one depends on its target (and a delete for me is its sender's alone), which the
     * devices' own pull checks.
     */
    List<Message> range(String conversationId, long afterSeq, long maxSeq, int limit);

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

    /**
     * The greatest msgId stored (ids compare as numbers: a longer base-36 id is the greater), or empty if there
     * is no message; read once at start to seed {@link MsgIds}.
     */
    Optional<String> maxMsgId();

    /** Users whose read cursor is at or past {@code seq}, among those with a window that contains it. */
    List<Long> readers(String conversationId, long seq, long exceptUserId);
}
