package io.tern.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ContentRules;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.MessageChanges;
import io.tern.protocol.RawJson;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Changes to messages and messages that point at others (docs/message-lifecycle.md): each is sent like any
 * message to the conversation of the message it names, so it is idempotent, retried and ordered like one; the
 * server decides it in its commit and a refusal fails the future with the server's error (NOT_AUTHOR,
 * CHANGE_WINDOW_PASSED, MESSAGE_RECALLED, ...). Events from others arrive through the message listener with
 * contentType 20 (edit), 21 (recall) or 22 (reaction).
 */
public final class MessageActions {
    private final TernClient client;
    private final long me;

    MessageActions(TernClient client, long me) {
        this.client = client;
        this.me = me;
    }

    /** Replaces the text of one's own text message {@code msgId} in the conversation. */
    public CompletableFuture<Sent> edit(String conversationId, String msgId, String text) {
        return send(conversationId, MessageChanges.edit(msgId, text));
    }

    /** Recalls a message: one's own within the window; any, as a group's owner or admin. */
    public CompletableFuture<Sent> recall(String conversationId, String msgId) {
        return send(conversationId, MessageChanges.recall(msgId));
    }

    /** Adds the emoji to the message's reactions, or takes it back with {@code remove}. */
    public CompletableFuture<Sent> react(String conversationId, String msgId, String emoji, boolean remove) {
        return send(conversationId, MessageChanges.reaction(msgId, emoji, remove));
    }

    /** Deletes the message for this user only: it leaves their history on every device; nobody else is told. */
    public CompletableFuture<Sent> deleteForMe(String conversationId, String msgId) {
        return send(conversationId, MessageChanges.hide(msgId));
    }

    /** A text message quoting {@code msgId}. */
    public CompletableFuture<Sent> reply(String conversationId, String msgId, String text) {
        ObjectNode content = text(text).put("replyTo", msgId);
        return send(conversationId, new RawJson(content.toString()));
    }

    /** A text message mentioning users ({@code all}: everyone, for a group's owner and admins). */
    public CompletableFuture<Sent> mention(String conversationId, String text, List<Long> userIds, boolean all) {
        ObjectNode content = text(text);
        ArrayNode ids = content.putArray("mentions");
        userIds.forEach(ids::add);
        if (all) {
            content.put("mentionAll", true);
        }
        return send(conversationId, new RawJson(content.toString()));
    }

    /**
     * Forwards a message the user holds to another conversation: its content as it stands, marked with
     * {@code forwardOf}; the server checks in its commit that the user sees it and that it is unchanged.
     */
    public CompletableFuture<Sent> forward(Message source, String toConversationId) {
        ObjectNode content = (ObjectNode) source.content().tree().deepCopy();
        content.putObject("forwardOf").put("conversationId", source.conversationId()).put("msgId", source.msgId());
        return send(toConversationId, new RawJson(content.toString()));
    }

    private static ObjectNode text(String text) {
        return FrameCodec.mapper().createObjectNode().put("contentType", ContentRules.TEXT).put("body", text);
    }

    /** To the other user of a one-to-one conversation ({@code p:a:b}), or to the group of {@code g:<id>}. */
    private CompletableFuture<Sent> send(String conversationId, RawJson content) {
        if (conversationId.startsWith("g:")) {
            return client.sendToGroup(Long.parseLong(conversationId.substring(2)), content);
        }
        String[] parts = conversationId.split(":");
        if (parts.length != 3 || !parts[0].equals("p")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not a conversation id: " + conversationId));
        }
        long a = Long.parseLong(parts[1]);
        long b = Long.parseLong(parts[2]);
        return client.send(a == me ? b : a, content);
    }
}
