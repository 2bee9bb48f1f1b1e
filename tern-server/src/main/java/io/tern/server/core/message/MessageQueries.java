package io.tern.server.core.message;

import io.tern.protocol.ConversationSummary;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The read side of the delivery contract: catch-up summaries, pages forwards and backwards, the conversation
 * list and read receipts. Every read is clipped to the member's windows of visible seqs: the range from the
 * first join to the last leave here, the gaps between windows by the store. Blocking methods
 * end in {@code Now}; the others run on the read executor.
 */
public final class MessageQueries {
    /** More conversations than this are not scanned by one SYNC. */
    static final int MAX_SYNC_CONVERSATIONS = 10_000;

    private final MessageStore store;
    private final Executor readExecutor;
    private final Clock clock;
    private final TernConfig.Delivery config;
    private final TernMetrics metrics;

    public MessageQueries(MessageStore store, Executor readExecutor, Clock clock, TernConfig.Delivery config,
                          TernMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.readExecutor = readExecutor;
        this.clock = clock;
        this.config = config;
    }

    public CompletableFuture<SyncResp> sync(long userId, Sync sync) {
        return CompletableFuture.supplyAsync(() -> syncNow(userId, sync), readExecutor);
    }

    public CompletableFuture<PullResp> pull(long userId, Pull pull) {
        return CompletableFuture.supplyAsync(() -> pullNow(userId, pull), readExecutor);
    }

    /** What the device lacks, per conversation, within the catch-up window. */
    public SyncResp syncNow(long userId, Sync sync) {
        metrics.syncs.increment();
        Map<String, Long> cursors = sync.cursors();
        long since = clock.millis() - config.catchUpWindow().toMillis();
        List<ConversationSummary> summaries = new ArrayList<>();
        for (Membership m : store.memberships(userId, MAX_SYNC_CONVERSATIONS, 0)) {
            // a conversation the device does not list starts where the user's devices have got to
            long cursor = cursors == null ? m.deliveredSeq() : cursors.getOrDefault(m.conversationId(), m.deliveredSeq());
            long after = Math.max(cursor, m.joinedSeq());
            long max = m.visibleLastSeq();
            if (max <= after) {
                continue;
            }
            Backlog backlog = store.backlog(userId, m.conversationId(), after, max, since);
            if (backlog.count() == 0) {
                continue;
            }
            Message last = store.last(userId, m.conversationId(), max).orElse(null);
            summaries.add(new ConversationSummary(m.conversationId(), backlog.firstSeq() - 1, max,
                    backlog.count(), backlog.bytes(), last == null ? null : last.toPush()));
        }
        return new SyncResp(summaries, sync.reqId());
    }

    /**
     * Blocking: up to {@code limit} messages the device lacks, across conversations, for HTTP long-poll.
     * {@code cursors} null or without a conversation means: from the user's deliveredSeq. A cursor never passes
     * the last seq the user may see (nor names a conversation that is not theirs): one beyond it would
     * acknowledge, and skip, messages not yet committed.
     */
    public PollResult pollNow(long userId, Map<String, Long> cursors, int limit) {
        List<Message> out = new ArrayList<>();
        Map<String, Long> next = new java.util.LinkedHashMap<>();
        Map<String, Long> held = new java.util.LinkedHashMap<>();
        boolean hasMore = false;
        List<Membership> memberships = store.memberships(userId, MAX_SYNC_CONVERSATIONS, 0);
        if (cursors != null) {
            for (Membership m : memberships) {
                Long sent = cursors.get(m.conversationId());
                if (sent != null) {
                    held.put(m.conversationId(), Math.min(sent, m.visibleLastSeq()));
                }
            }
            next.putAll(held);
        }
        for (Membership m : memberships) {
            long cursor = held.getOrDefault(m.conversationId(), m.deliveredSeq());
            long after = Math.max(cursor, m.joinedSeq());
            if (m.visibleLastSeq() <= after) {
                continue;
            }
            int room = limit - out.size();
            if (room == 0) {
                hasMore = true;
                break;
            }
            List<Message> page = store.after(userId, m.conversationId(), after, m.visibleLastSeq(), room + 1);
            if (page.size() > room) {
                hasMore = true;
                page = page.subList(0, room);
            }
            if (!page.isEmpty()) {
                out.addAll(page);
                next.put(m.conversationId(), page.get(page.size() - 1).seq());
            }
        }
        return new PollResult(out, next, hasMore, held);
    }

    /** One page of a conversation the user belongs to, clipped to the user's membership window. */
    public PullResp pullNow(long userId, Pull pull) {
        metrics.pulls.increment();
        Membership m = checkMember(userId, pull.conversationId());
        int limit = Math.min(pull.limit() == null ? config.pageSize() : pull.limit(), config.maxPageSize());
        long max = m.visibleLastSeq();
        List<Message> page;
        boolean hasMore;
        if (pull.afterSeq() != null) {
            page = store.after(userId, pull.conversationId(), Math.max(pull.afterSeq(), m.joinedSeq()), max, limit + 1);
            hasMore = page.size() > limit;
            if (hasMore) {
                page = page.subList(0, limit);
            }
        } else {
            long before = Math.min(pull.beforeSeq(), max + 1);
            page = store.before(userId, pull.conversationId(), before, m.joinedSeq(), limit + 1);
            hasMore = page.size() > limit;
            if (hasMore) {
                page = page.subList(1, page.size());
            }
        }
        return new PullResp(pull.conversationId(), page.stream().map(Message::toPush).toList(), hasMore, pull.reqId());
    }

    /** The user's conversations, most recent first, with their last visible message. */
    public List<ConversationView> conversations(long userId, int limit, int offset) {
        List<ConversationView> out = new ArrayList<>();
        for (Membership m : store.memberships(userId, Math.min(limit, config.maxPageSize()), offset)) {
            Message last = m.visibleLastSeq() > m.joinedSeq()
                    ? store.last(userId, m.conversationId(), m.visibleLastSeq()).orElse(null) : null;
            out.add(new ConversationView(m, last));
        }
        return out;
    }

    /** The users who have read the message at seq (the sender excluded). */
    public List<Long> readers(long userId, String conversationId, long seq) {
        Membership m = checkMember(userId, conversationId);
        if (seq <= m.joinedSeq() || seq > m.visibleLastSeq()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "seq " + seq + " is not a message you can see");
        }
        Message message = store.after(userId, conversationId, seq - 1, seq, 1).stream().findFirst()
                .orElseThrow(() -> new TernException(ErrorCode.INVALID_FIELD, "no message at seq " + seq));
        return store.readers(conversationId, seq, message.fromId());
    }

    /**
     * On the read executor: looks up the user's place in a conversation they are a current member of and
     * applies {@code then} to it, on the same thread (it may read the store too); fails with NOT_A_MEMBER
     * otherwise — also for a one-to-one conversation in which no message was committed yet, which does not
     * exist. For notices (READ, TYPING) and acknowledgements, which must not reach anyone, nor move a cursor,
     * for a conversation the user is not in.
     */
    public <T> CompletableFuture<T> asCurrentMember(long userId, String conversationId,
                                                    java.util.function.Function<Membership, T> then) {
        return CompletableFuture.supplyAsync(() -> then.apply(store.membership(userId, conversationId)
                .filter(Membership::active)
                .orElseThrow(() -> new TernException(ErrorCode.NOT_A_MEMBER,
                        "no conversation " + conversationId + " of yours"))), readExecutor);
    }

    /** The user's place in a conversation; NOT_A_MEMBER if they have none. */
    public Membership checkMember(long userId, String conversationId) {
        Optional<Membership> membership = store.membership(userId, conversationId);
        if (membership.isPresent()) {
            return membership.get();
        }
        long[] direct = ConversationIds.directMembers(conversationId);
        if (direct != null && (direct[0] == userId || direct[1] == userId)) {
            return new Membership(conversationId, 0, 0, 0, 0, 0, null);
        }
        throw new TernException(ErrorCode.NOT_A_MEMBER, "no conversation " + conversationId + " of yours");
    }

    public int pageSize() {
        return config.pageSize();
    }
}
