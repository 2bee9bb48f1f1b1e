package io.tern.client;

/**
 * One entry of the user's conversation list: where the conversation stands ({@code lastSeq}, at
 * {@code lastTs}), how far the user has read, how many messages are unread, and the last message (null if
 * the user cannot see one).
 */
public record ConversationInfo(String conversationId, long lastSeq, long lastTs, long readSeq, long unread,
                               Message lastMessage) {
}
