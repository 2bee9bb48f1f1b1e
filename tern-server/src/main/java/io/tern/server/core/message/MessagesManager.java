package io.tern.server.core.message;

import io.tern.protocol.ChatSend;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.TypingNotify;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.limit.Limits;
import io.tern.server.core.session.DeviceSession;
import java.time.Clock;
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
    private final Clock clock;
    private final TernConfig.Delivery config;
    private final TernMetrics metrics;
    private final RecentPushes pushed = new RecentPushes(RECENT_PUSHES);
    private final Limits limits;

    public MessagesManager(MessageWriter writer, Fanout fanout, GroupMembers groups, Clock clock,
                           TernConfig.Delivery config, TernMetrics metrics, Limits limits) {
        this.metrics = metrics;
        this.limits = limits;
        this.writer = writer;
        this.fanout = fanout;
        this.groups = groups;
        this.clock = clock;
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
        return commit(draft, senderSessionId);
    }

    /** Commits a group event carrying a membership change, and pushes it to members old and new. */
    public CompletableFuture<Message> groupEvent(long actorId, long groupId, String clientMsgId, String content,
                                                 MembershipChange change) {
        return commit(new Draft(actorId, clientMsgId, ConversationIds.group(groupId), null, content, change, true), -1);
    }

    private CompletableFuture<Message> commit(Draft draft, long senderSessionId) {
        return writer.submit(draft, appended -> afterCommit(draft, appended, senderSessionId))
                .thenApply(appended -> switch (appended.outcome()) {
                    case NO_SUCH_USER -> throw new TernException(ErrorCode.NO_SUCH_USER, "no user with id " + draft.toId());
                    case NOT_A_MEMBER -> throw new TernException(ErrorCode.NOT_A_MEMBER,
                            "you are not a member of " + draft.conversationId());
                    case MUTED -> throw new TernException(ErrorCode.MUTED, "you are muted in " + draft.conversationId());
                    case IDEMPOTENCY_CONFLICT -> throw new TernException(ErrorCode.IDEMPOTENCY_CONFLICT, "clientMsgId "
                            + draft.clientMsgId() + " was already used for another message; use a new one");
                    case DUPLICATE, STORED -> appended.message();
                });
    }

    /** On the delivery thread, in commit order: count, and push what is new. */
    private void afterCommit(Draft draft, Appended appended, long senderSessionId) {
        switch (appended.outcome()) {
            case DUPLICATE -> {
                metrics.duplicates.increment();
                if (!pushed.contains(appended.message().msgId())) {
                    deliver(appended.message(), null, 0, senderSessionId);
                }
            }
            case STORED -> {
                metrics.accepted.increment();
                deliver(appended.message(), draft.change(), appended.membersSeq(), senderSessionId);
            }
            default -> {
                // refused: nothing was stored, nothing to push
            }
        }
    }

    /**
     * Runs on the delivery thread in commit order, so membership changes and fan-outs stay in step. A group's
     * members are taken as of {@code membersSeq}, the version the message was stored under.
     */
    private void deliver(Message message, MembershipChange change, long membersSeq, long senderSessionId) {
        long[] recipients;
        if (change == null) {
            recipients = fanout.members(message.conversationId(), membersSeq);
        } else {
            long[] before = groups.apply(ConversationIds.groupId(message.conversationId()), change, membersSeq,
                    message.seq());
            recipients = LongStream.concat(LongStream.concat(LongStream.of(before), LongStream.of(
                    fanout.members(message.conversationId()))), change.left().stream().mapToLong(Long::longValue))
                    .distinct().toArray();
            fanout.groupChanged(ConversationIds.groupId(message.conversationId()));
        }
        pushed.add(message.msgId());
        fanout.push(message, recipients, senderSessionId);
    }

    /** A device of the user acknowledged everything up to seq in the conversation. */
    public void delivered(long userId, String conversationId, long seq) {
        writer.delivered(userId, conversationId, seq);
    }

    /**
     * The user read the conversation up to seq: the cursor is written with the next batch; the user's other
     * devices and, one-to-one, the other side are told.
     */
    public void read(DeviceSession session, String conversationId, long seq) {
        if (!fanout.isMember(session.userId(), conversationId)) {
            throw new TernException(ErrorCode.NOT_A_MEMBER, "no conversation " + conversationId + " of yours");
        }
        writer.read(session.userId(), conversationId, seq);
        long[] notified = ConversationIds.directMembers(conversationId) != null
                ? fanout.members(conversationId) : new long[] {session.userId()};
        fanout.notify(new ReadNotify(conversationId, session.userId(), seq), notified, session.id());
    }

    /** Tells the other members' devices that the user is typing; at most once per typing interval. */
    public void typing(DeviceSession session, String conversationId) {
        if (!fanout.isMember(session.userId(), conversationId)) {
            throw new TernException(ErrorCode.NOT_A_MEMBER, "no conversation " + conversationId + " of yours");
        }
        if (!session.typingAllowed(conversationId, clock.millis(), config.typingInterval().toMillis())) {
            return;
        }
        long[] others = LongStream.of(fanout.members(conversationId)).filter(u -> u != session.userId()).toArray();
        fanout.notify(new TypingNotify(conversationId, session.userId()), others, session.id());
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
