package io.tern.server.core.message;

/**
 * A message on its way to the store: no seq, msgId or timestamp yet. {@code toId} is null for group
 * messages. A group event carries the {@code change} it makes to the membership, applied at its own seq;
 * {@code system} drafts skip the sender's membership check (the group manager already checked the rights).
 */
public record Draft(long senderId, String clientMsgId, String conversationId, Long toId, String content,
                    MembershipChange change, boolean system) {

    public static Draft direct(long senderId, String clientMsgId, long toId, String content) {
        return new Draft(senderId, clientMsgId, ConversationIds.direct(senderId, toId), toId, content, null, false);
    }

    public static Draft group(long senderId, String clientMsgId, long groupId, String content) {
        return new Draft(senderId, clientMsgId, ConversationIds.group(groupId), null, content, null, false);
    }
}
