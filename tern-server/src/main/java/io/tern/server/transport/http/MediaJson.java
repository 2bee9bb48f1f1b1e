package io.tern.server.transport.http;

import io.tern.protocol.ContentRules;
import io.tern.server.core.media.StoredMedia;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON answer to an upload: the media's facts and a content object ready to send as a message. */
final class MediaJson {
    private MediaJson() {
    }

    static Map<String, Object> uploaded(StoredMedia m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mediaId", m.id());
        out.put("mime", m.mime());
        out.put("size", m.size());
        out.put("name", m.name());
        out.put("sha256", m.sha256());
        if (m.isImage()) {
            out.put("width", m.width());
            out.put("height", m.height());
        }
        if (m.hasThumbnail()) {
            out.put("thumbnail", Map.of("width", m.thumbWidth(), "height", m.thumbHeight(), "size", m.thumbSize()));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("contentType", m.isImage() ? ContentRules.IMAGE : m.mime().startsWith("video/")
                ? ContentRules.VIDEO : ContentRules.FILE);
        content.put("mediaId", m.id());
        content.put("name", m.name());
        out.put("content", content);
        return out;
    }
}
