package io.tern.server.core.message;

/** A message on its way to the store: no seq, msgId or timestamp yet. */
public record Draft(long senderId, String clientMsgId, String conversationId, long toId, String content) {
}
