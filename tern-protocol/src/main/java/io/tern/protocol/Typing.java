package io.tern.protocol;

/** TYPING (120), client to server: the user is typing in the conversation. Never stored; throttled. */
public record Typing(String conversationId) implements Frame {
    public Typing {
        Frames.requiredText(conversationId, "conversationId", 128);
    }

    @Override
    public int type() {
        return FrameType.TYPING;
    }
}
