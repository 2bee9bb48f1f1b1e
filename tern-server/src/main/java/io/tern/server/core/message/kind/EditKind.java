package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ContentRules;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.MessageChanges;
import java.time.Duration;

/**
 * Edit: the author replaces the body of a text message within {@code window} of sending it. The target keeps
 * its other fields (a reply, mentions) and its state records when it was last edited.
 */
final class EditKind implements MessageKind {
    private final Duration window;

    EditKind(Duration window) {
        this.window = window;
    }

    @Override
    public int contentType() {
        return MessageChanges.EDIT;
    }

    @Override
    public void check(JsonNode event) {
        Fields.requireTarget(event);
        Fields.requireText(event, "body", Integer.MAX_VALUE);
    }

    @Override
    public Verdict decide(Change change) {
        Target target = change.target();
        Verdict final_ = Fields.unchangeable(target);
        if (final_ != null) {
            return final_;
        }
        if (target.senderId() != change.actorId()) {
            return Verdict.refuse(ErrorCode.NOT_AUTHOR, "only the author edits a message");
        }
        if (target.contentType() != ContentRules.TEXT) {
            return Verdict.refuse(ErrorCode.NOT_CHANGEABLE, "only a text message (contentType 1) is edited");
        }
        if (change.now() - target.ts() > window.toMillis()) {
            return Verdict.refuse(ErrorCode.CHANGE_WINDOW_PASSED, "a message is edited within " + window
                    + " of sending it (messages.editWindow)");
        }
        ObjectNode content = target.content().deepCopy();
        content.set("body", change.event().get("body"));
        ObjectNode state = target.state().deepCopy();
        state.put("edited", change.now());
        return Verdict.accept(content, state);
    }
}
