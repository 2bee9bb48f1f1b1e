package io.tern.server.core.message;

import io.tern.protocol.ChatSend;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.TypingNotify;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.Ticker;
import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.limit.Limits;
import io.tern.server.core.session.DeviceSession;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

/**
 * The write side of the delivery contract: send (validate, commit through the writer, then push to every
 * other online device of every member), group events, delivery and read cursors, typing.
 */
public final class MessagesManager {
    /** How many pushed msgIds are remembered to tell a resend from a message nobody was told of. */
    private static final int RECENT_PUSHES = 50_000;

    private final MessageWriter writer;
    private final Fanout fanout;
    private final GroupMembers groups;
    private final MessageQueries queries;
    private final Ticker ticker;
    private final TernConfig.Delivery config;
    private final TernMetrics metrics;
    private final RecentPushes pushed = new RecentPushes(RECENT_PUSHES);
    private final Limits limits;
    private final io.tern.server.core.message.kind.MessageKinds kinds;
    private final io.tern.server.core.people.Visibility visibility;

    /** Without change-event kinds and with no one blocked: for tests of plain delivery. */
    public MessagesManager(MessageWriter writer, Fanout fanout, GroupMembers groups, MessageQueries queries,
                           Ticker ticker, TernConfig.Delivery config, TernMetrics metrics, Limits limits) {
        this(writer, fanout, groups, queries, ticker, config, metrics, limits,
                new io.tern.server.core.message.kind.MessageKinds(java.util.List.of()),
                io.tern.server.core.people.Visibility.NONE);
    }

    /**
     * {@code queries} answers membership lookups on its read executor, off the event loops; the ticker measures
     * the typing interval.
     */
    public MessagesManager(MessageWriter writer, Fanout fanout, GroupMembers groups, MessageQueries queries,
                           Ticker ticker, TernConfig.Delivery config, TernMetrics metrics, Limits limits,
                           io.tern.server.core.message.kind.MessageKinds kinds,
                           io.tern.server.core.people.Visibility visibility) {
        this.kinds = kinds;
        this.visibility = visibility;
        this.metrics = metrics;
        this.limits = limits;
        this.writer = writer;
        this.fanout = fanout;
        this.groups = groups;
        this.queries = queries;
        this.ticker = ticker;
        this.config = config;
    }

    /**
     * Sends a message. Completes with the stored message (the original one for a resend) once it is
     * committed; fails with a TernException otherwise.
     */
    public CompletableFuture<Message> send(DeviceSession from, ChatSend chat) {
        return send(from.userId(), from.id(), chat);
    }

    /** Sends for a user; {@code senderSessionId} (or -1) is the session that gets CHAT_RESP instead of a push. */
    public CompletableFuture<Message> send(long userId, long senderSessionId, ChatSend chat) {
        if (chat.fromId() != null && chat.fromId() != userId) {
            return failed(ErrorCode.FORBIDDEN_SENDER, "fromId must be your own user id or absent");
        }
        try {
            limits.message(userId);
        } catch (TernException e) {
            return CompletableFuture.failedFuture(e);
        }
        String content = chat.content().json();
        if (content.length() > config.maxContentBytes() || utf8Length(content) > config.maxContentBytes()) {
            return failed(ErrorCode.CONTENT_TOO_LARGE, "content is larger than " + config.maxContentBytes() + " bytes");
        }
        Draft draft = chat.groupId() != null
                ? Draft.group(userId, chat.clientMsgId(), chat.groupId(), content)
                : Draft.direct(userId, chat.clientMsgId(), chat.toId(), content);
        var kind = kinds.find(chat.content().tree().path("contentType").asInt());
        if (kind != null) {
            try {
                kind.check(chat.content().tree());
            } catch (IllegalArgumentException e) {
                return failed(ErrorCode.INVALID_FIELD, e.getMessage());
            }
            draft = draft.changing(kind);
        } else if (io.tern.server.core.message.kind.References.mayCarry(content)) {
            try {
                io.tern.server.core.message.kind.References.check(chat.content().tree());
            } catch (IllegalArgumentException e) {
                return failed(ErrorCode.INVALID_FIELD, e.getMessage());
            }
        }
        return commit(draft, senderSessionId);
    }

    /**
     * Commits a group administration command: the writer decides it inside the commit (see
     * {@link GroupCommand}) and, for a membership change, pushes its event to the members before and after.
     * Completes with the event message, or null for a command without one or with nothing to do.
     */
    public CompletableFuture<Message> groupCommand(long actorId, long groupId, GroupCommand command) {
        return commit(Draft.command(actorId, "event-" + java.util.UUID.randomUUID(), groupId, command), -1);
    }

    private CompletableFuture<Message> commit(Draft draft, long senderSessionId) {
        return writer.submit(draft, appended -> afterCommit(appended, senderSessionId))
                .thenApply(appended -> switch (appended.outcome()) {
                    case NO_SUCH_USER -> throw new TernException(ErrorCode.NO_SUCH_USER, "no user with id " + draft.toId());
                    case NOT_A_MEMBER -> throw new TernException(ErrorCode.NOT_A_MEMBER, draft.command() == null
                            ? "you are not a member of " + draft.conversationId()
                            : "you or the user you name are not a member of " + draft.conversationId());
                    case MUTED -> throw new TernException(ErrorCode.MUTED, "you are muted in " + draft.conversationId());
                    case IDEMPOTENCY_CONFLICT -> throw new TernException(ErrorCode.IDEMPOTENCY_CONFLICT, "clientMsgId "
                            + draft.clientMsgId() + " was already used for another message; use a new one");
                    case FORBIDDEN -> throw new TernException(ErrorCode.FORBIDDEN, forbidden(draft.command()));
                    case GROUP_FULL -> throw new TernException(ErrorCode.GROUP_FULL,
                            "a group has at most " + draft.command().maxMembers() + " members");
                    case GROUP_DISSOLVED, BANNED, ADMINS_ONLY, NO_SUCH_INVITE, INVITE_EXPIRED, INVITE_EXHAUSTED ->
                            throw GroupRefusals.of(appended.outcome(), draft.conversationId());
                    case REFUSED -> throw new TernException(appended.refusal().code(), appended.refusal().reason());
                    case RECIPIENT_REFUSED -> throw new TernException(ErrorCode.RECIPIENT_REFUSED,
                            "user " + draft.toId() + " does not accept this message");
                    case BLOCKED -> throw new TernException(ErrorCode.USER_BLOCKED,
                            "you blocked user " + draft.toId() + "; unblock them to write");
                    case DUPLICATE, STORED, NO_OP, APPLIED -> appended.message();
                });
    }

    private static String forbidden(GroupCommand command) {
        return switch (command.kind()) {
            case JOIN -> "the group is not open; ask an admin to add you";
            case SET_ROLE, TRANSFER -> "only the owner changes roles; use the owner transfer to hand ownership over";
            case REMOVE, SET_MUTED, BAN -> "only a higher role may do this to this member";
            case DISSOLVE -> "only the owner may dissolve the group";
            default -> "this needs the admin role";
        };
    }

    /** On the delivery thread, in commit order: count, and push what is new. */
    private void afterCommit(Appended appended, long senderSessionId) {
        switch (appended.outcome()) {
            case DUPLICATE -> {
                metrics.duplicates.increment();
                if (!pushed.contains(appended.message().msgId())) {
                    deliver(appended, senderSessionId);
                }
            }
            case STORED -> {
                metrics.accepted.increment();
                deliver(appended, senderSessionId);
            }
            default -> {
                // refused or no message: nothing to push
            }
        }
    }

    /**
     * Runs on the delivery thread in commit order. The recipients are the ones the writer fixed in the commit
     * (for a duplicate: those of the original seq), never a member list read now, which may be newer.
     */
    private void deliver(Appended appended, long senderSessionId) {
        Message message = appended.message();
        MembershipChange change = appended.change();
        if (change != null) {
            long groupId = ConversationIds.groupId(message.conversationId());
            groups.apply(groupId, change, appended.membersSeq(), message.seq());
            fanout.groupChanged(groupId);
        }
        pushed.add(message.msgId());
        fanout.push(message, appended.recipients(), senderSessionId);
    }

    /**
     * A device of the user holds everything up to seq in the conversation, known from its own outbox (a push
     * it acknowledged), so already within what was committed and delivered to it.
     */
    public void delivered(long userId, String conversationId, long seq) {
        writer.delivered(userId, conversationId, seq);
    }

    /**
     * A cumulative ACK the outbox cannot vouch for (messages the device pulled, or a seq never pushed): the
     * cursor moves only in a conversation the user is in, and never past its last committed seq, which a cursor
     * written with a later batch would otherwise cover. Completes with the seq recorded.
     */
    public CompletableFuture<Long> acknowledged(DeviceSession session, String conversationId, long seq) {
        return asMember(session, conversationId, m -> {
            long upTo = Math.min(seq, m.visibleLastSeq());
            writer.delivered(session.userId(), conversationId, upTo);
            return upTo;
        });
    }

    /**
     * The user read the conversation up to seq, clamped to its last seq: the cursor is written with the next
     * batch; the user's other devices and, one-to-one, the other side are told. Fails with NOT_A_MEMBER, and
     * nothing is sent, unless the user is a current member (a one-to-one conversation exists once a message
     * was committed in it). The membership is read on the read executor, never on the caller's event loop.
     */
    public CompletableFuture<Void> read(DeviceSession session, String conversationId, long seq) {
        return asMember(session, conversationId, m -> {
            long upTo = Math.min(seq, m.visibleLastSeq());
            writer.read(session.userId(), conversationId, upTo);
            long[] notified = ConversationIds.directMembers(conversationId) != null
                    ? receiptTargets(session.userId(), fanout.members(conversationId)) : new long[] {session.userId()};
            fanout.notify(new ReadNotify(conversationId, session.userId(), upTo), notified, session.id());
            return null;
        });
    }

    /**
     * Tells the other members' devices that the user is typing; at most once per typing interval. A frame within
     * the interval is dropped before any lookup; otherwise membership and members are read on the read executor
     * and the notice goes out from the session's own executor, which owns its typing state.
     */
    public CompletableFuture<Void> typing(DeviceSession session, String conversationId) {
        long interval = config.typingInterval().toMillis();
        if (session.typingThrottled(conversationId, ticker.millis(), interval)) {
            return CompletableFuture.completedFuture(null);
        }
        // the members of a group may have to be loaded: still on the read executor
        return asMember(session, conversationId,
                        m -> LongStream.of(unblocked(session.userId(), fanout.members(conversationId)))
                                .filter(u -> u != session.userId()).toArray())
                .thenAcceptAsync(others -> {
                    if (session.typingAllowed(conversationId, ticker.millis(), interval)) {
                        fanout.notify(new TypingNotify(conversationId, session.userId()), others, session.id());
                    }
                }, session.connection().executor());
    }

    /**
     * Runs {@code then} with the user's current membership on the read executor, never on the caller's event
     * loop (a stage chained on a future that completed early would run there); a session may have only a few
     * such lookups waiting.
     */
    private <T> CompletableFuture<T> asMember(DeviceSession session, String conversationId,
                                              java.util.function.Function<Membership, T> then) {
        if (!session.beginLookup()) {
            return CompletableFuture.failedFuture(TernException.rateLimited(
                    "too many READ, TYPING and ACK frames waiting for the store", 100));
        }
        return queries.asCurrentMember(session.userId(), conversationId, then)
                .whenComplete((m, err) -> session.endLookup());
    }

    /** The reader themself, and those the reader's blocks and receipts setting let see the receipt. */
    private long[] receiptTargets(long reader, long[] members) {
        return LongStream.of(members).filter(u -> u == reader
                || visibility.receiptsVisible(u, java.util.List.of(reader)).contains(reader)).toArray();
    }

    /** The users without a block with {@code userId} either way (read on the read executor). */
    private long[] unblocked(long userId, long[] users) {
        java.util.Set<Long> separated = visibility.separated(userId);
        return separated.isEmpty() ? users : LongStream.of(users).filter(u -> !separated.contains(u)).toArray();
    }

    /** UTF-8 length without encoding: only text that might be over the limit needs counting at all. */
    private int utf8Length(String s) {
        if ((long) s.length() * 3 <= config.maxContentBytes()) {
            return s.length();
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static <T> CompletableFuture<T> failed(ErrorCode code, String message) {
        return CompletableFuture.failedFuture(new TernException(code, message));
    }
}
