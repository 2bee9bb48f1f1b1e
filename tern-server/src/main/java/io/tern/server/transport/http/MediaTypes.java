package io.tern.server.transport.http;

import io.tern.server.core.media.StoredMedia;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * How stored media goes out to browsers. Only image, audio and video types a browser plays without running
 * anything are served inline with their type; a few passive types keep theirs as attachments; anything else
 * (HTML, SVG, XML, scripts) is served as {@code application/octet-stream} attachment, so an upload can never
 * run as a page of this origin, whatever its name says.
 */
final class MediaTypes {
    private static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "audio/mpeg", "audio/ogg", "audio/mp4", "audio/webm", "audio/wav", "audio/x-wav", "audio/aac",
            "video/mp4", "video/webm", "video/ogg", "video/quicktime");
    private static final Set<String> PASSIVE = Set.of("application/pdf", "application/zip", "text/plain",
            "application/gzip", "application/x-tar", "application/x-7z-compressed", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private MediaTypes() {
    }

    static boolean inline(String mime) {
        return INLINE.contains(mime);
    }

    static String contentType(String mime) {
        return INLINE.contains(mime) || PASSIVE.contains(mime) ? mime : "application/octet-stream";
    }

    /** A thumbnail is JPEG for a JPEG photo and PNG for everything else (see ImageProcessor). */
    static String thumbnailType(StoredMedia m) {
        return m.mime().equals("image/jpeg") ? "image/jpeg" : "image/png";
    }

    /** {@code inline} or {@code attachment} with the name, as ASCII fallback and as RFC 5987 UTF-8. */
    static String disposition(boolean inline, String name) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' && c != '%';
            ascii.append(plain ? (char) c : c >= 0x80 ? "" : "_");
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        String fallback = ascii.isEmpty() ? "file" : ascii.toString();
        return (inline ? "inline" : "attachment") + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
