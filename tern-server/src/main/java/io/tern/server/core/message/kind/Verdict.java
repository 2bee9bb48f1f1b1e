package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ErrorCode;

/**
 * What a kind decided: refused with an error code and reason, or accepted with the target's new content and
 * state. {@code recall}: the target's media references and the text of earlier events about it go as well.
 */
public record Verdict(ErrorCode refusal, String reason, ObjectNode content, ObjectNode state, boolean recall) {

    public static Verdict refuse(ErrorCode code, String reason) {
        return new Verdict(code, reason, null, null, false);
    }

    public static Verdict accept(ObjectNode content, ObjectNode state) {
        return new Verdict(null, null, content, state, false);
    }

    /** Accepted without changing the target for anyone (a personal kind's effect is the store's). */
    public static Verdict acceptUnchanged() {
        return new Verdict(null, null, null, null, false);
    }

    public static Verdict acceptRecall(ObjectNode content, ObjectNode state) {
        return new Verdict(null, null, content, state, true);
    }

    public boolean accepted() {
        return refusal == null;
    }
}
