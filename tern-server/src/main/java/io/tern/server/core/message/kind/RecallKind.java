package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.MessageChanges;
import java.time.Duration;

/**
 * Recall: the author within {@code window} of sending, or a group's owner or admin at any time, turns the message
 * into a tombstone: its content becomes {@code {"contentType":120}}, its reactions go, and the store drops its
 * media references and the text of earlier edits.
 */
final class RecallKind implements MessageKind {
    private final Duration window;

    RecallKind(Duration window) {
        this.window = window;
    }

    @Override
    public int contentType() {
        return MessageChanges.RECALL;
    }

    @Override
    public void check(JsonNode event) {
        Fields.requireTarget(event);
    }

    @Override
    public Verdict decide(Change change) {
        Target target = change.target();
        Verdict final_ = Fields.unchangeable(target);
        if (final_ != null) {
            return final_;
        }
        boolean author = target.senderId() == change.actorId();
        if (!author && !change.moderator()) {
            return Verdict.refuse(ErrorCode.NOT_AUTHOR, "only the author, or a group's owner or admin, recalls a message");
        }
        if (!change.moderator() && change.now() - target.ts() > window.toMillis()) {
            return Verdict.refuse(ErrorCode.CHANGE_WINDOW_PASSED, "a message is recalled within " + window
                    + " of sending it (messages.recallWindow); a group's owner and admins may at any time");
        }
        ObjectNode content = FrameCodec.mapper().createObjectNode().put("contentType", MessageChanges.RECALLED);
        ObjectNode state = FrameCodec.mapper().createObjectNode();
        state.putObject("recalled").put("by", change.actorId()).put("at", change.now());
        return Verdict.acceptRecall(content, state);
    }
}
