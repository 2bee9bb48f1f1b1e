package io.tern.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ContentRules;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Message;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Records, in the transaction that stores a batch of messages, which of them reference an upload: a member
 * may download media because a message in their window names it, and the sweep keeps what any message names.
 * Only content that mentions {@code mediaId} at all is parsed, so text messages cost a substring search.
 */
final class MediaRefs {
    private MediaRefs() {
    }

    static void record(Statements st, Appended[] results) throws SQLException {
        PreparedStatement insert = null;
        for (Appended a : results) {
            if (a == null || a.outcome() != Appended.Outcome.STORED || !a.message().content().contains("\"mediaId\"")) {
                continue;
            }
            String mediaId = mediaId(a.message());
            if (mediaId == null) {
                continue;
            }
            if (insert == null) {
                insert = st.get("INSERT INTO media_refs (media_id, conversation_id, seq) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING");
            }
            insert.setString(1, mediaId);
            insert.setString(2, a.message().conversationId());
            insert.setLong(3, a.message().seq());
            insert.addBatch();
        }
        if (insert != null) {
            insert.executeBatch();
        }
    }

    private static String mediaId(Message m) {
        JsonNode content;
        try {
            content = FrameCodec.mapper().readTree(m.content());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // stored content is always JSON the codec wrote; nothing to reference otherwise
        }
        JsonNode id = content.get("mediaId");
        return ContentRules.referencesMedia(content.path("contentType").asInt()) && id != null && id.isTextual()
                ? id.textValue() : null;
    }
}
