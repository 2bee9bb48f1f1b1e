package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.MessageChanges;

/**
 * The message a change event names, as it stands: its content and its state (what earlier changes did:
 * {@code edited}, {@code recalled}, {@code reactions}). {@code control}: the target is itself a change event.
 * Kinds read these and return changed copies; they never modify them.
 */
public record Target(String msgId, long seq, long senderId, long ts, ObjectNode content, ObjectNode state,
                     boolean control) {

    public int contentType() {
        return content.path("contentType").asInt();
    }

    public boolean recalled() {
        return contentType() == MessageChanges.RECALLED;
    }
}
