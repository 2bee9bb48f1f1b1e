package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ContentRules;
import io.tern.protocol.ErrorCode;

/** Checks every kind shares: the shape of {@code target}, and what no change may touch. */
final class Fields {
    private Fields() {
    }

    static void requireTarget(JsonNode event) {
        JsonNode target = event.get("target");
        if (target == null || !target.isTextual() || target.textValue().isEmpty() || target.textValue().length() > 64) {
            throw new IllegalArgumentException("content.target must be the msgId of a message of this conversation");
        }
    }

    static String requireText(JsonNode event, String field, int maxChars) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > maxChars) {
            throw new IllegalArgumentException("content." + field + " must be a non-empty string of at most "
                    + maxChars + " characters");
        }
        return value.textValue();
    }

    /** A recalled message and a change event are final: null if the target may still be changed. */
    static Verdict unchangeable(Target target) {
        if (target.recalled()) {
            return Verdict.refuse(ErrorCode.MESSAGE_RECALLED, "message " + target.msgId() + " was recalled");
        }
        if (target.control() || target.contentType() >= ContentRules.FIRST_RESERVED) {
            return Verdict.refuse(ErrorCode.NOT_CHANGEABLE, "message " + target.msgId()
                    + " is an event, which cannot be changed");
        }
        return null;
    }
}
