package io.tern.server.core.message;

/**
 * A message on its way to the store: no seq, msgId or timestamp yet. {@code toId} is null for group
 * messages. A group administration draft carries its {@code command} instead of content: the writer decides
 * it inside the commit and, if it changes the membership, stores the event message it builds.
 */
public record Draft(long senderId, String clientMsgId, String conversationId, Long toId, String content,
                    GroupCommand command) {

    public static Draft direct(long senderId, String clientMsgId, long toId, String content) {
        return new Draft(senderId, clientMsgId, ConversationIds.direct(senderId, toId), toId, content, null);
    }

    public static Draft group(long senderId, String clientMsgId, long groupId, String content) {
        return new Draft(senderId, clientMsgId, ConversationIds.group(groupId), null, content, null);
    }

    public static Draft command(long actorId, String clientMsgId, long groupId, GroupCommand command) {
        return new Draft(actorId, clientMsgId, ConversationIds.group(groupId), null, null, command);
    }
}
