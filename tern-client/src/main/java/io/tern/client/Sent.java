package io.tern.client;

/** The server committed a sent message under this msgId and seq. */
public record Sent(String msgId, String conversationId, long seq, long ts) {
}
