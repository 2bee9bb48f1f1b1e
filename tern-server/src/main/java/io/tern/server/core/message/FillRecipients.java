package io.tern.server.core.message;

import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.group.GroupStore;
import io.tern.server.core.session.SessionRegistry;
import java.util.stream.LongStream;

/**
 * Who a message that {@link PushOrder} read back from the store is pushed to. The recipients its commit fixed
 * travel with the push, not with the stored row, so they are worked out again: a direct conversation's two
 * users, a group's members. Only users with a session here matter, and of a group only those whose membership window holds the
 * message's seq when the members changed since it (someone who joined later must not get it; someone who left
 * since gets it by catch-up). Blocking (store reads): runs on the blocking executor.
 */
public final class FillRecipients implements PushOrder.Recipients {
    private final GroupMembers groups;
    private final GroupStore groupStore;
    private final MessageStore messages;
    private final SessionRegistry sessions;

    public FillRecipients(GroupMembers groups, GroupStore groupStore, MessageStore messages, SessionRegistry sessions) {
        this.groups = groups;
        this.groupStore = groupStore;
        this.messages = messages;
        this.sessions = sessions;
    }

    @Override
    public long[] of(Message message) {
        long[] direct = ConversationIds.directMembers(message.conversationId());
        if (direct != null) {
            return direct[0] == direct[1] ? new long[] {direct[0]} : direct;
        }
        Long group = ConversationIds.groupId(message.conversationId());
        if (group == null) {
            return new long[0];
        }
        long version = groupStore.membersSeq(group);
        LongStream here = LongStream.of(groups.of(group, version)).filter(sessions::isOnline);
        if (version < message.seq()) {
            return here.toArray(); // no change since the message: today's members are the members it was for
        }
        return here.filter(user -> sawIt(user, message)).toArray();
    }

    /** Whether one of the user's membership windows holds the message: the windowed read returns it. */
    private boolean sawIt(long user, Message message) {
        return !messages.after(user, message.conversationId(), message.seq() - 1, message.seq(), 1).isEmpty();
    }
}
