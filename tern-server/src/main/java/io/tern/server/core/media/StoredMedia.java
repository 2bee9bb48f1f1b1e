package io.tern.server.core.media;

/**
 * One upload as stored: who uploaded it, the blob served ({@code sha256}, the sanitised bytes) and the hash of
 * the bytes as uploaded (de-duplication), the detected type, the file name given, and for an image its size in
 * pixels and its thumbnail blob ({@code thumbSha256} null when there is none).
 */
public record StoredMedia(String id, long ownerId, String sha256, String uploadSha256, long size, String mime,
                          String name, int width, int height, String thumbSha256, long thumbSize, int thumbWidth,
                          int thumbHeight, long createdAt) {
    public boolean isImage() {
        return width > 0 && height > 0;
    }

    public boolean hasThumbnail() {
        return thumbSha256 != null;
    }

    /** Bytes this upload counts against its owner's quota. */
    public long storedBytes() {
        return size + thumbSize;
    }

    /** The same processed blobs under another id, owner and name (de-duplication across users). */
    StoredMedia copyFor(String newId, long newOwner, String newName, long now) {
        return new StoredMedia(newId, newOwner, sha256, uploadSha256, size, mime, newName, width, height, thumbSha256,
                thumbSize, thumbWidth, thumbHeight, now);
    }
}
