package io.tern.server.core.message;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Port: where conversations, messages and member cursors are kept. Every method may throw StoreException. */
public interface MessageStore {
    /**
     * Commits drafts and cursor updates in one transaction: each draft is either found to be a duplicate of
     * (sender, clientMsgId), refused for an unknown recipient, or stored with the conversation's next seq.
     * Results are in draft order.
     */
    List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now, Supplier<String> msgIds);

    /** Up to {@code limit} messages with seq greater than {@code afterSeq}, ascending. */
    List<Message> after(String conversationId, long afterSeq, int limit);

    /** Up to {@code limit} messages with seq less than {@code beforeSeq}, the newest of them, ascending. */
    List<Message> before(String conversationId, long beforeSeq, int limit);

    Optional<Membership> membership(long userId, String conversationId);

    /** The user's conversations, the most recently active first. */
    List<Membership> memberships(long userId, int limit, int offset);

    /** Messages after {@code afterSeq} that are no older than {@code sinceTs}. */
    Backlog backlog(String conversationId, long afterSeq, long sinceTs);

    Optional<Message> last(String conversationId);
}
