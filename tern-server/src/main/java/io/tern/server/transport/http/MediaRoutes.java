package io.tern.server.transport.http;

import io.tern.server.core.media.MediaService;
import io.tern.server.core.media.SignedLinks;
import java.util.List;

/**
 * The JSON side of media: {@code GET /api/media/{mediaId}/link} hands a user who may read the media short-lived
 * signed links for it and its thumbnail. Upload and download stream and have their own handlers
 * ({@link MediaUploadHandler}, {@link MediaDownloadHandler}).
 */
public final class MediaRoutes {
    /** The media endpoints the streaming handlers answer before the route table, as "METHOD template". */
    public static final List<String> STREAMED = List.of("POST /api/media", "GET /api/media/{mediaId}",
            "GET /api/media/{mediaId}/thumbnail");

    private final MediaService media;

    public MediaRoutes(MediaService media) {
        this.media = media;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated("GET", "/api/media/{mediaId}/link", request -> {
            SignedLinks links = media.links(request.principal().userId(), request.pathParams().get("mediaId"));
            return ApiResponse.ok(links);
        }));
    }
}
