package io.tern.server.core.message;

/** One entry of a user's conversation list. {@code last} is null for a conversation without messages. */
public record ConversationView(Membership membership, Message last) {
}
