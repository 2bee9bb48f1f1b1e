package io.tern.server.core.media;

import java.nio.file.Path;

/** An image after processing: the file to serve (re-encoded without metadata) and its thumbnail. */
record ProcessedImage(Path served, String mime, int width, int height, Path thumbnail, String thumbMime,
                      int thumbWidth, int thumbHeight) {
}
