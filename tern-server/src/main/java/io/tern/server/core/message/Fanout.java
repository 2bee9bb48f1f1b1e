package io.tern.server.core.message;

import io.tern.protocol.Frame;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.SessionRegistry;

/**
 * Who gets what: the members of a conversation, and delivery of one frame — encoded once — to every online
 * session of a set of users, on this node and (through {@link RemoteFanout}) on the others. Stored messages
 * reach this node's sessions through {@link PushOrder} (in seq order, as the other nodes' do) and then each
 * session's outbox (acked, retried); ephemeral notices (typing, reads) are written once and forgotten.
 */
public final class Fanout {
    private final SessionRegistry sessions;
    private final GroupMembers groups;
    private final FrameCodec codec;
    private final RemoteFanout remote;
    private final PushOrder local;

    public Fanout(SessionRegistry sessions, GroupMembers groups, FrameCodec codec, RemoteFanout remote,
                  PushOrder local) {
        this.sessions = sessions;
        this.groups = groups;
        this.codec = codec;
        this.remote = remote;
        this.local = local;
    }

    /**
     * Current members of a conversation, for notices (typing, reads); empty for an id that is neither a direct
     * nor a group id. Messages never use this: each carries its recipients from the commit (see Appended).
     */
    public long[] members(String conversationId) {
        long[] direct = ConversationIds.directMembers(conversationId);
        if (direct != null) {
            return direct[0] == direct[1] ? new long[] {direct[0]} : direct;
        }
        Long group = ConversationIds.groupId(conversationId);
        return group == null ? new long[0] : groups.of(group);
    }

    /** Pushes a stored message to every online session of the users except one (the sender's). */
    public void push(Message message, long[] users, long exceptSessionId) {
        byte[] frame = codec.encode(message.toPush());
        local.offer(message, frame, users, exceptSessionId);
        remote.push(message, frame, users);
    }

    /** A committed change of the group's members; other nodes drop what they cached of them. */
    public void groupChanged(long groupId) {
        remote.groupChanged(groupId);
    }

    /** Sends an ephemeral frame to every online session of the users except one; nothing is retried. */
    public void notify(Frame notice, long[] users, long exceptSessionId) {
        byte[] frame = codec.encode(notice);
        for (long user : users) {
            for (DeviceSession session : sessions.sessionsOf(user)) {
                if (session.id() != exceptSessionId) {
                    session.notice(frame);
                }
            }
        }
        remote.notify(frame, users);
    }
}
