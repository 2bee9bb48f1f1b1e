package io.tern.server.core.push;

/**
 * What one device is owed for one conversation: the messages after {@code sentSeq} up to {@code uptoSeq}
 * ({@code messages} of them, whether any {@code mentioned} the user). {@code sendingSeq} above {@code sentSeq}
 * means a send was started and not confirmed: after a crash it is sent again under the same notification id.
 */
public record PushJob(long deviceRef, String conversationId, long uptoSeq, long sendingSeq, long sentSeq,
                      boolean mentioned, int messages, int attempts) {

    public Key key() {
        return new Key(deviceRef, conversationId);
    }

    public boolean pending() {
        return uptoSeq > sentSeq;
    }

    /** A job's identity: one per device and conversation, so a burst collapses into it. */
    public record Key(long deviceRef, String conversationId) {
    }
}
