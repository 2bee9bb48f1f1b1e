package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.core.group.Role;

/**
 * A change event being decided: who sends it, with which role ({@code null} in a one-to-one conversation), the
 * commit's time, the event's content and the message it changes.
 */
public record Change(long actorId, Role actorRole, long now, JsonNode event, Target target) {

    /** Whether the actor may moderate the conversation (a group's owner or admin). */
    public boolean moderator() {
        return actorRole == Role.OWNER || actorRole == Role.ADMIN;
    }
}
