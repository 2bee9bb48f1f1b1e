package io.tern.server.cluster;

import io.tern.protocol.ChatPush;
import io.tern.protocol.Frame;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.FrameDecodeException;
import io.tern.protocol.SyncHint;
import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.PushOrder;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.SessionRegistry;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what other nodes publish to this node and to all nodes, and acts on the local sessions: a push
 * goes through {@link PushOrder} (so it reaches the sessions in seq order with this node's own pushes and
 * every other node's) into each recipient session's outbox (acked and retried exactly as a local push), a notice is written
 * once, a group change drops the cached members, a sync request sends every local client SYNC_HINT. Runs on
 * a Lettuce thread; session work is handed to each connection's own executor.
 */
final class ClusterInbox {
    private static final Logger log = LoggerFactory.getLogger(ClusterInbox.class);

    private final SessionRegistry sessions;
    private final GroupMembers groups;
    private final PushOrder ordered;
    /** Decodes the CHAT frames the committing node encoded; the bytes themselves are passed on unchanged. */
    private final FrameCodec frames = FrameCodec.forClient();

    private final java.util.function.LongConsumer routeChanged;

    private final int nodeId;

    ClusterInbox(int nodeId, SessionRegistry sessions, GroupMembers groups, PushOrder ordered,
                 java.util.function.LongConsumer routeChanged) {
        this.nodeId = nodeId;
        this.routeChanged = routeChanged;
        this.sessions = sessions;
        this.groups = groups;
        this.ordered = ordered;
    }

    void onMessage(String channel, String payload) {
        try {
            ClusterMessage message = ClusterMessage.decode(payload);
            switch (message.kind()) {
                case ClusterMessage.PUSH -> push(message);
                case ClusterMessage.NOTICE -> notice(message);
                case ClusterMessage.GROUP_CHANGED -> groups.invalidate(message.ids()[0]);
                case ClusterMessage.SYNC_ALL -> hintAll();
                case ClusterMessage.ROUTE_CHANGED -> {
                    for (long user : message.ids()) {
                        routeChanged.accept(user);
                    }
                }
                case ClusterMessage.SYNC_USERS -> hint(message.ids());
                case ClusterMessage.KICK -> {
                    if (message.ids()[1] != nodeId) { // this node's own sessions were kicked when it was sent
                        sessions.kickHere(message.kickOrder());
                    }
                }
                default -> log.warn("unknown cluster message kind '{}' on {}", message.kind(), channel);
            }
        } catch (RuntimeException | FrameDecodeException e) {
            log.warn("dropped a malformed cluster message on {}: {}", channel, e.toString());
        }
    }

    /** Other nodes' group changes may have been missed while Redis was away. */
    void forgetGroups() {
        groups.invalidateAll();
    }

    /** Tells every local client to SYNC: pushes for it may have been lost while Redis was away. */
    void hintAll() {
        SyncHint hint = new SyncHint();
        for (long user : sessions.onlineUsers()) {
            for (DeviceSession s : sessions.sessionsOf(user)) {
                s.connection().send(hint);
            }
        }
    }

    /** Tells the local devices of these users to SYNC. */
    void hint(long[] users) {
        SyncHint hint = new SyncHint();
        for (long user : users) {
            for (DeviceSession s : sessions.sessionsOf(user)) {
                s.connection().send(hint);
            }
        }
    }

    private void push(ClusterMessage message) throws FrameDecodeException {
        byte[] frame = message.frame().getBytes(StandardCharsets.UTF_8);
        ordered.offer(toMessage(frames.decode(frame)), frame, message.ids(), -1);
    }

    private void notice(ClusterMessage message) {
        byte[] frame = message.frame().getBytes(StandardCharsets.UTF_8);
        for (long user : message.ids()) {
            for (DeviceSession session : sessions.sessionsOf(user)) {
                session.notice(frame);
            }
        }
    }

    private static Message toMessage(Frame frame) {
        if (!(frame instanceof ChatPush p)) {
            throw new IllegalArgumentException("a cluster push must carry a CHAT frame, not type " + frame.type());
        }
        return new Message(p.msgId(), p.conversationId(), p.seq(), p.fromId(), p.toId(), p.ts(), p.clientMsgId(),
                p.content().json());
    }
}
