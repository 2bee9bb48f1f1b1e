package io.tern.server.transport.http;

/** The media handlers the pipeline adds: a new upload handler per connection, the shared download handler. */
public record MediaPipeline(MediaUploads uploads, MediaDownloadHandler download) {
}
