package io.tern.server.core.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a notification needs from a message's content: its type, its text, and whom it mentions. A mention is
 * a user id in the optional {@code mentions} array of the content (protocol section 6); events (contentType
 * 100 and up) are never notified.
 */
record PushContent(int contentType, String text, Set<Long> mentions) {
    static final int FIRST_EVENT_TYPE = 100;
    private static final int MAX_MENTIONS = 1000;

    boolean notifiable() {
        return contentType > 0 && contentType < FIRST_EVENT_TYPE;
    }

    static PushContent parse(String json) {
        try {
            JsonNode node = FrameCodec.mapper().readTree(json);
            int type = node.path("contentType").asInt(0);
            JsonNode text = node.get("text");
            Set<Long> mentions = new HashSet<>();
            JsonNode list = node.get("mentions");
            if (list != null && list.isArray()) {
                for (JsonNode id : list) {
                    if (id.canConvertToLong() && mentions.size() < MAX_MENTIONS) {
                        mentions.add(id.longValue());
                    }
                }
            }
            return new PushContent(type, text != null && text.isTextual() ? text.textValue() : null, mentions);
        } catch (IOException | RuntimeException e) {
            return new PushContent(0, null, Set.of());
        }
    }
}
