package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of change event: a message whose content has the kind's {@link #contentType()} and names another
 * message of the conversation by {@code target}. The writer calls {@link #decide} inside its commit, with the
 * target as it stands at this point of the conversation (earlier events of the same batch applied), so a rule
 * is never checked first and acted on later. Change events never count as unread.
 */
public interface MessageKind {
    int contentType();

    /**
     * Checks the event's own fields before it is queued (no store access); throws IllegalArgumentException with
     * the reason, which the client gets as INVALID_FIELD.
     */
    void check(JsonNode event);

    /** Accepts (with the target's new content and state) or refuses the event. */
    Verdict decide(Change change);

    /**
     * Whether the event is the actor's own business (delete for me): pushed and paged to the actor's devices only,
     * and its accepted verdict hides the target from the actor instead of changing it for everyone.
     */
    default boolean personal() {
        return false;
    }

    /** The target's msgId an event names; {@link #check} has made sure it is there. */
    static String target(JsonNode event) {
        return event.get("target").textValue();
    }
}
