package io.tern.protocol;

/**
 * CHAT (80), client to server: send a message to a user ({@code toId}) or a group ({@code groupId}), exactly
 * one of them. {@code clientMsgId} makes the send idempotent; {@code fromId}, if given, must be the
 * logged-in user.
 */
public record ChatSend(String clientMsgId, Long toId, Long groupId, Long fromId, RawJson content) implements Frame {
    public static final int MAX_CLIENT_MSG_ID = 64;

    public ChatSend {
        Frames.requiredText(clientMsgId, "clientMsgId", MAX_CLIENT_MSG_ID);
        if ((toId == null) == (groupId == null)) {
            throw new IllegalArgumentException("give exactly one of toId and groupId");
        }
        if (toId != null && toId <= 0) {
            throw new IllegalArgumentException("toId must be a positive user id");
        }
        if (groupId != null && groupId <= 0) {
            throw new IllegalArgumentException("groupId must be a positive group id");
        }
        Frames.required(content, "content");
        ContentRules.check(content);
    }

    /** A one-to-one message. */
    public ChatSend(String clientMsgId, Long toId, Long fromId, RawJson content) {
        this(clientMsgId, toId, null, fromId, content);
    }

    public static ChatSend toGroup(String clientMsgId, long groupId, RawJson content) {
        return new ChatSend(clientMsgId, null, groupId, null, content);
    }

    @Override
    public int type() {
        return FrameType.CHAT;
    }
}
