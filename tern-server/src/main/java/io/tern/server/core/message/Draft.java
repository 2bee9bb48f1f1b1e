package io.tern.server.core.message;

/**
 * A message on its way to the store: no seq, msgId or timestamp yet. {@code toId} is null for group
 * messages. A group administration draft carries its {@code command} instead of content: the writer decides
 * it inside the commit and, if it changes the membership, stores the event message it builds.
 * {@code contentHash} is the content's {@link ContentHash} (null for a command: its event is hashed when built).
 */
public record Draft(long senderId, String clientMsgId, String conversationId, Long toId, String content,
                    GroupCommand command, String contentHash) {

    public static Draft direct(long senderId, String clientMsgId, long toId, String content) {
        String conversationId = ConversationIds.direct(senderId, toId);
        return new Draft(senderId, clientMsgId, conversationId, toId, content, null,
                ContentHash.of(conversationId, content));
    }

    public static Draft group(long senderId, String clientMsgId, long groupId, String content) {
        String conversationId = ConversationIds.group(groupId);
        return new Draft(senderId, clientMsgId, conversationId, null, content, null,
                ContentHash.of(conversationId, content));
    }

    public static Draft command(long actorId, String clientMsgId, long groupId, GroupCommand command) {
        return new Draft(actorId, clientMsgId, ConversationIds.group(groupId), null, null, command, null);
    }
}
