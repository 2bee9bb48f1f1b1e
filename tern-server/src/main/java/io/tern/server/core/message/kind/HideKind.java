package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ContentRules;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.MessageChanges;

/**
 * Delete for me: the message disappears from the actor's history and pages on all their devices, and nobody
 * else learns of it (the event itself is the actor's only). Any message the actor sees, except an event.
 */
final class HideKind implements MessageKind {
    @Override
    public int contentType() {
        return MessageChanges.HIDE;
    }

    @Override
    public void check(JsonNode event) {
        Fields.requireTarget(event);
    }

    @Override
    public Verdict decide(Change change) {
        Target target = change.target();
        if (target.control() || target.contentType() >= ContentRules.FIRST_RESERVED && !target.recalled()) {
            return Verdict.refuse(ErrorCode.NOT_CHANGEABLE, "message " + target.msgId() + " is an event");
        }
        return Verdict.acceptUnchanged();
    }

    @Override
    public boolean personal() {
        return true;
    }
}
