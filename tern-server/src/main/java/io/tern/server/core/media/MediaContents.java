package io.tern.server.core.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ChatSend;
import io.tern.protocol.ContentRules;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.RawJson;
import io.tern.server.core.TernException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Checks the media a message references before it is sent, and writes into the content what the server knows
 * of it: type, size, file name, an image's pixel size and its thumbnail. The client's values for those fields
 * are replaced, never trusted. Content without media passes through at once, on the caller's thread.
 */
public final class MediaContents {
    private final MediaService media;
    private final Executor blocking;

    public MediaContents(MediaService media, Executor blocking) {
        this.media = media;
        this.blocking = blocking;
    }

    /** The message to send: {@code chat} itself, or a copy whose content carries the media's facts. */
    public CompletableFuture<ChatSend> resolve(long userId, ChatSend chat) {
        JsonNode content = chat.content().tree();
        int type = content.path("contentType").asInt();
        if (!ContentRules.referencesMedia(type)) {
            return CompletableFuture.completedFuture(chat);
        }
        return CompletableFuture.supplyAsync(() -> {
            StoredMedia m = media.readable(userId, content.get("mediaId").textValue());
            checkKind(type, m);
            if (!media.touch(m.id())) {
                throw new TernException(ErrorCode.NO_SUCH_MEDIA, "media " + m.id() + " was deleted");
            }
            return new ChatSend(chat.clientMsgId(), chat.toId(), chat.groupId(), chat.fromId(),
                    new RawJson(describe(content, m).toString()));
        }, blocking);
    }

    private static void checkKind(int type, StoredMedia m) {
        boolean fits = switch (type) {
            case ContentRules.IMAGE -> m.isImage();
            case ContentRules.VOICE -> m.mime().startsWith("audio/");
            case ContentRules.VIDEO -> m.mime().startsWith("video/");
            default -> true;
        };
        if (!fits) {
            throw new TernException(ErrorCode.INVALID_CONTENT, "media " + m.id() + " is " + m.mime()
                    + ", which does not fit contentType " + type);
        }
    }

    private static ObjectNode describe(JsonNode content, StoredMedia m) {
        ObjectNode out = ((ObjectNode) content).deepCopy();
        out.put("mime", m.mime());
        out.put("size", m.size());
        if (!out.hasNonNull("name")) {
            out.put("name", m.name());
        }
        out.remove(java.util.List.of("width", "height", "thumbnail"));
        if (m.isImage()) {
            out.put("width", m.width());
            out.put("height", m.height());
        }
        if (m.hasThumbnail()) {
            ObjectNode thumb = out.putObject("thumbnail");
            thumb.put("width", m.thumbWidth());
            thumb.put("height", m.thumbHeight());
            thumb.put("size", m.thumbSize());
        }
        return out;
    }
}
