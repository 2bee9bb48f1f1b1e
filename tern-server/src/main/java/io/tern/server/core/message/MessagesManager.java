package io.tern.server.core.message;

import io.tern.protocol.ChatSend;
import io.tern.protocol.ConversationSummary;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.SessionRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The delivery contract: send (validate, commit through the writer, then push to every other online device
 * of every member), catch-up summaries, pages forwards and backwards, and delivery cursors from acks.
 */
public final class MessagesManager {
    /** More conversations than this are not scanned by one SYNC. */
    static final int MAX_SYNC_CONVERSATIONS = 10_000;

    private final MessageStore store;
    private final MessageWriter writer;
    private final SessionRegistry sessions;
    private final FrameCodec codec;
    private final Executor readExecutor;
    private final Clock clock;
    private final TernConfig.Delivery config;

    public MessagesManager(MessageStore store, MessageWriter writer, SessionRegistry sessions, FrameCodec codec,
                           Executor readExecutor, Clock clock, TernConfig.Delivery config) {
        this.store = store;
        this.writer = writer;
        this.sessions = sessions;
        this.codec = codec;
        this.readExecutor = readExecutor;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Sends a one-to-one message. Completes with the stored message (the original one for a resend) once it
     * is committed; fails with a TernException otherwise.
     */
    public CompletableFuture<Message> send(DeviceSession from, ChatSend chat) {
        if (chat.fromId() != null && chat.fromId() != from.userId()) {
            return CompletableFuture.failedFuture(
                    new TernException(ErrorCode.FORBIDDEN_SENDER, "fromId must be your own user id or absent"));
        }
        String content = chat.content().json();
        if (content.length() > config.maxContentBytes()
                || content.getBytes(StandardCharsets.UTF_8).length > config.maxContentBytes()) {
            return CompletableFuture.failedFuture(new TernException(ErrorCode.CONTENT_TOO_LARGE,
                    "content is larger than " + config.maxContentBytes() + " bytes"));
        }
        Draft draft = new Draft(from.userId(), chat.clientMsgId(), ConversationIds.direct(from.userId(), chat.toId()),
                chat.toId(), content);
        return writer.submit(draft).thenApply(appended -> switch (appended.outcome()) {
            case NO_SUCH_USER -> throw new TernException(ErrorCode.NO_SUCH_USER, "no user with id " + chat.toId());
            case DUPLICATE -> appended.message();
            case STORED -> {
                fanOut(appended.message(), from.id());
                yield appended.message();
            }
        });
    }

    /** Pushes a stored message to every online device of its members except the sending session. */
    void fanOut(Message message, long exceptSessionId) {
        byte[] frame = codec.encode(message.toPush());
        long[] members = ConversationIds.directMembers(message.conversationId());
        if (members == null) {
            return;
        }
        pushTo(members[0], message, frame, exceptSessionId);
        if (members[1] != members[0]) {
            pushTo(members[1], message, frame, exceptSessionId);
        }
    }

    private void pushTo(long userId, Message message, byte[] frame, long exceptSessionId) {
        for (DeviceSession session : sessions.sessionsOf(userId)) {
            if (session.id() != exceptSessionId) {
                session.push(message, frame);
            }
        }
    }

    /** A device of the user acknowledged everything up to seq in the conversation. */
    public void delivered(long userId, String conversationId, long seq) {
        writer.delivered(userId, conversationId, seq);
    }

    public CompletableFuture<SyncResp> sync(long userId, Sync sync) {
        return CompletableFuture.supplyAsync(() -> syncNow(userId, sync), readExecutor);
    }

    public CompletableFuture<PullResp> pull(long userId, Pull pull) {
        return CompletableFuture.supplyAsync(() -> pullNow(userId, pull), readExecutor);
    }

    /** Blocking: what the device lacks, per conversation, within the catch-up window. */
    public SyncResp syncNow(long userId, Sync sync) {
        Map<String, Long> cursors = sync.cursors();
        long since = clock.millis() - config.catchUpWindow().toMillis();
        List<ConversationSummary> summaries = new ArrayList<>();
        for (Membership m : store.memberships(userId, MAX_SYNC_CONVERSATIONS, 0)) {
            long after = cursors == null ? m.deliveredSeq() : cursors.getOrDefault(m.conversationId(), 0L);
            if (m.lastSeq() <= after) {
                continue;
            }
            Backlog backlog = store.backlog(m.conversationId(), after, since);
            if (backlog.count() == 0) {
                continue;
            }
            Message last = store.last(m.conversationId()).orElse(null);
            summaries.add(new ConversationSummary(m.conversationId(), backlog.firstSeq() - 1, m.lastSeq(),
                    backlog.count(), backlog.bytes(), last == null ? null : last.toPush()));
        }
        return new SyncResp(summaries, sync.reqId());
    }

    /** Blocking: one page of a conversation the user belongs to. */
    public PullResp pullNow(long userId, Pull pull) {
        checkMember(userId, pull.conversationId());
        int limit = Math.min(pull.limit() == null ? config.pageSize() : pull.limit(), config.maxPageSize());
        List<Message> page;
        boolean hasMore;
        if (pull.afterSeq() != null) {
            page = store.after(pull.conversationId(), pull.afterSeq(), limit + 1);
            hasMore = page.size() > limit;
            if (hasMore) {
                page = page.subList(0, limit);
            }
        } else {
            page = store.before(pull.conversationId(), pull.beforeSeq(), limit + 1);
            hasMore = page.size() > limit;
            if (hasMore) {
                page = page.subList(1, page.size());
            }
        }
        return new PullResp(pull.conversationId(), page.stream().map(Message::toPush).toList(), hasMore, pull.reqId());
    }

    /** Blocking: the user's conversations, most recent first, with their last message. */
    public List<ConversationView> conversations(long userId, int limit, int offset) {
        List<ConversationView> out = new ArrayList<>();
        for (Membership m : store.memberships(userId, Math.min(limit, config.maxPageSize()), offset)) {
            out.add(new ConversationView(m, store.last(m.conversationId()).orElse(null)));
        }
        return out;
    }

    /** Blocking: the user's place in a conversation; NOT_A_MEMBER if they have none. */
    public Membership checkMember(long userId, String conversationId) {
        Optional<Membership> membership = store.membership(userId, conversationId);
        if (membership.isPresent()) {
            return membership.get();
        }
        long[] direct = ConversationIds.directMembers(conversationId);
        if (direct != null && (direct[0] == userId || direct[1] == userId)) {
            return new Membership(conversationId, 0, 0, 0, 0);
        }
        throw new TernException(ErrorCode.NOT_A_MEMBER, "no conversation " + conversationId + " of yours");
    }

    public int pageSize() {
        return config.pageSize();
    }
}
