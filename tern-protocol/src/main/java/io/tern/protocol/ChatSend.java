package io.tern.protocol;

/**
 * CHAT (80), client to server: send a message. {@code clientMsgId} makes the send idempotent;
 * {@code fromId}, if given, must be the logged-in user.
 */
public record ChatSend(String clientMsgId, Long toId, Long fromId, RawJson content) implements Frame {
    public static final int MAX_CLIENT_MSG_ID = 64;

    public ChatSend {
        Frames.requiredText(clientMsgId, "clientMsgId", MAX_CLIENT_MSG_ID);
        Frames.required(toId, "toId");
        if (toId <= 0) {
            throw new IllegalArgumentException("toId must be a positive user id");
        }
        Frames.required(content, "content");
        ContentRules.check(content);
    }

    @Override
    public int type() {
        return FrameType.CHAT;
    }
}
