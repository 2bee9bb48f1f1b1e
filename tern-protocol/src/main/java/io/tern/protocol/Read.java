package io.tern.protocol;

/** READ (110), client to server: the user has read the conversation up to {@code seq}. */
public record Read(String conversationId, Long seq) implements Frame {
    public Read {
        Frames.requiredText(conversationId, "conversationId", 128);
        Frames.required(seq, "seq");
        Frames.nonNegative(seq, "seq");
    }

    @Override
    public int type() {
        return FrameType.READ;
    }
}
