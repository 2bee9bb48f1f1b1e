package io.tern.server.core.message;

import io.tern.server.core.search.SearchText;

/**
 * A message on its way to the store: no seq, msgId or timestamp yet. {@code toId} is null for group
 * messages. A group administration draft carries its {@code command} instead of content: the writer decides
 * it inside the commit and, if it changes the membership, stores the event message it builds.
 * {@code contentHash} is the content's {@link ContentHash} (null for a command: its event is hashed when built).
 * {@code kind}: a change event (edit, recall, reaction), decided by its kind inside the commit; null otherwise.
 * {@code control}: the stored message never counts as unread (change events, and any event marked so).
 * {@code searchText}: the content's {@link SearchText}, worked out where the draft is made (an event loop) rather
 * than on the single writer thread, whose time per message bounds the server's throughput; null when the content
 * has none or is built at commit.
 */
public record Draft(long senderId, String clientMsgId, String conversationId, Long toId, String content,
                    GroupCommand command, String contentHash, io.tern.server.core.message.kind.MessageKind kind,
                    boolean control, String searchText) {

    public Draft(long senderId, String clientMsgId, String conversationId, Long toId, String content,
                 GroupCommand command, String contentHash) {
        this(senderId, clientMsgId, conversationId, toId, content, command, contentHash, null, false,
                content == null ? null : SearchText.of(content));
    }

    /** This draft as a change event of {@code kind}: decided by it in the commit, never counted as unread. */
    public Draft changing(io.tern.server.core.message.kind.MessageKind kind) {
        return new Draft(senderId, clientMsgId, conversationId, toId, content, command, contentHash, kind, true,
                searchText);
    }

    /** This draft as a message that never counts as unread (a group event, for instance). */
    public Draft asControl() {
        return new Draft(senderId, clientMsgId, conversationId, toId, content, command, contentHash, kind, true,
                searchText);
    }

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

    /** A group command; the event it may store is a control message: joins, leaves and renames are not unread. */
    public static Draft command(long actorId, String clientMsgId, long groupId, GroupCommand command) {
        return new Draft(actorId, clientMsgId, ConversationIds.group(groupId), null, null, command, null, null, true,
                null);
    }
}
