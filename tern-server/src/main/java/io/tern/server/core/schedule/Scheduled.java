package io.tern.server.core.schedule;

/**
 * A scheduled message: exactly one of {@code toId} and {@code groupId}; {@code content} is the JSON text; the
 * message is sent at {@code sendAt} (epoch ms, wall clock). {@code state}: PENDING until it is taken,
 * SENDING while it is, FAILED (with {@code error}, an ErrorCode name) if the send was refused. A sent message
 * is no longer listed.
 */
public record Scheduled(long id, long userId, String clientMsgId, Long toId, Long groupId, String content,
                        long sendAt, State state, String error) {
    public enum State { PENDING, SENDING, FAILED }
}
