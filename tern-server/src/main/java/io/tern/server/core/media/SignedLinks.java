package io.tern.server.core.media;

/** Paths (relative to the server) that fetch a media and its thumbnail without a token until {@code expiresAt} (ms). */
public record SignedLinks(String url, String thumbnailUrl, long expiresAt) {
}
