package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.MessageChanges;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reaction: any member who sees the message adds (or, with {@code remove}, takes back) one emoji. The target's
 * state holds {@code reactions}: emoji to the ascending ids of the users who chose it (so a count is its length);
 * a user has at most {@code maxPerUser} different ones per message. Adding one twice changes nothing.
 */
final class ReactionKind implements MessageKind {
    /** An emoji with its modifiers and joiners fits; a sentence does not. */
    static final int MAX_EMOJI_CHARS = 32;

    private final int maxPerUser;

    ReactionKind(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    @Override
    public int contentType() {
        return MessageChanges.REACTION;
    }

    @Override
    public void check(JsonNode event) {
        Fields.requireTarget(event);
        Fields.requireText(event, "emoji", MAX_EMOJI_CHARS);
        JsonNode remove = event.get("remove");
        if (remove != null && !remove.isBoolean()) {
            throw new IllegalArgumentException("content.remove must be true or false");
        }
    }

    @Override
    public Verdict decide(Change change) {
        Target target = change.target();
        Verdict final_ = Fields.unchangeable(target);
        if (final_ != null) {
            return final_;
        }
        String emoji = change.event().get("emoji").textValue();
        boolean remove = change.event().path("remove").asBoolean(false);
        ObjectNode state = target.state().deepCopy();
        ObjectNode reactions = state.has("reactions") ? (ObjectNode) state.get("reactions") : state.putObject("reactions");
        TreeSet<Long> users = new TreeSet<>();
        reactions.path(emoji).forEach(u -> users.add(u.asLong()));
        if (!remove && !users.contains(change.actorId()) && count(reactions, change.actorId()) >= maxPerUser) {
            return Verdict.refuse(ErrorCode.TOO_MANY_REACTIONS, "a user has at most " + maxPerUser
                    + " different reactions on one message (messages.maxReactions)");
        }
        if (remove) {
            users.remove(change.actorId());
        } else {
            users.add(change.actorId());
        }
        if (users.isEmpty()) {
            reactions.remove(emoji);
        } else {
            ArrayNode list = reactions.putArray(emoji);
            users.forEach(list::add);
        }
        if (reactions.isEmpty()) {
            state.remove("reactions");
        }
        return Verdict.accept(target.content(), state);
    }

    private static int count(ObjectNode reactions, long userId) {
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = reactions.fields(); it.hasNext(); ) {
            for (JsonNode u : it.next().getValue()) {
                if (u.asLong() == userId) {
                    n++;
                }
            }
        }
        return n;
    }
}
