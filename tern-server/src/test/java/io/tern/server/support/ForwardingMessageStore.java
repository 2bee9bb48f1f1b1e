package io.tern.server.support;

import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Backlog;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Membership;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.MessageStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real store with every call passed through; a test overrides the one call it needs to watch or break (an
 * {@code Error} from a commit, a read that waits), which the real store cannot be made to do.
 */
public class ForwardingMessageStore implements MessageStore {
    private final MessageStore real;

    public ForwardingMessageStore(MessageStore real) {
        this.real = real;
    }

    @Override
    public List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now, Supplier<String> msgIds) {
        return real.commit(drafts, cursors, now, msgIds);
    }

    @Override
    public List<Message> range(String conversationId, long afterSeq, long maxSeq, int limit) {
        return real.range(conversationId, afterSeq, maxSeq, limit);
    }

    @Override
    public List<Message> after(long userId, String conversationId, long afterSeq, long maxSeq, int limit) {
        return real.after(userId, conversationId, afterSeq, maxSeq, limit);
    }

    @Override
    public List<Message> before(long userId, String conversationId, long beforeSeq, long minSeq, int limit) {
        return real.before(userId, conversationId, beforeSeq, minSeq, limit);
    }

    @Override
    public Optional<Membership> membership(long userId, String conversationId) {
        return real.membership(userId, conversationId);
    }

    @Override
    public List<Membership> memberships(long userId, int limit, int offset) {
        return real.memberships(userId, limit, offset);
    }

    @Override
    public Backlog backlog(long userId, String conversationId, long afterSeq, long maxSeq, long sinceTs) {
        return real.backlog(userId, conversationId, afterSeq, maxSeq, sinceTs);
    }

    @Override
    public Optional<Message> last(long userId, String conversationId, long maxSeq) {
        return real.last(userId, conversationId, maxSeq);
    }

    @Override
    public Optional<String> maxMsgId() {
        return real.maxMsgId();
    }

    @Override
    public List<Long> readers(String conversationId, long seq, long exceptUserId) {
        return real.readers(conversationId, seq, exceptUserId);
    }
}
