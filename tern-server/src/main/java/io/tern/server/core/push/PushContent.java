package io.tern.server.core.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a notification needs from a message's content: its type, its text, and whom it mentions. The text is a
 * text message's {@code body}, else a media message's {@code caption}, else a word for the kind of message
 * ("Photo"). A mention is a user id in the optional {@code mentions} array of the content (protocol section 6);
 * events (contentType 100 and up) and change events (20 to 22) are never notified.
 */
record PushContent(int contentType, String text, Set<Long> mentions) {
    static final int FIRST_EVENT_TYPE = 100;
    private static final int MAX_MENTIONS = 1000;

    boolean notifiable() {
        // change events (edit, recall, reaction) change a message that was notified already
        return contentType > 0 && contentType < FIRST_EVENT_TYPE && contentType != io.tern.protocol.MessageChanges.EDIT
                && contentType != io.tern.protocol.MessageChanges.RECALL
                && contentType != io.tern.protocol.MessageChanges.REACTION
                && contentType != io.tern.protocol.MessageChanges.HIDE;
    }

    static PushContent parse(String json) {
        try {
            JsonNode node = FrameCodec.mapper().readTree(json);
            int type = node.path("contentType").asInt(0);
            String text = text(node, type);
            Set<Long> mentions = new HashSet<>();
            JsonNode list = node.get("mentions");
            if (list != null && list.isArray()) {
                for (JsonNode id : list) {
                    if (id.canConvertToLong() && mentions.size() < MAX_MENTIONS) {
                        mentions.add(id.longValue());
                    }
                }
            }
            return new PushContent(type, text, mentions);
        } catch (IOException | RuntimeException e) {
            return new PushContent(0, null, Set.of());
        }
    }

    private static String text(JsonNode node, int type) {
        for (String field : new String[] {"body", "caption"}) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue();
            }
        }
        return switch (type) {
            case 2 -> "Photo";
            case 3 -> "File" + (node.path("name").isTextual() ? ": " + node.path("name").textValue() : "");
            case 4 -> "Voice message";
            case 5 -> "Video";
            case 6 -> "Location";
            default -> null;
        };
    }
}
