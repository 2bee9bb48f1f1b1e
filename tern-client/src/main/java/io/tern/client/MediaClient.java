package io.tern.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ContentRules;
import io.tern.protocol.RawJson;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Images and files (docs/media.md): upload a file from disk (streamed, with progress), send it as an image or
 * file message, download what a message references. Get it from {@link TernClient#media()}; it works once
 * {@link TernClient#connect()} has logged in. Futures complete on an HTTP thread and fail with a
 * {@link TernClientException} such as {@code MEDIA_TOO_LARGE}, {@code QUOTA_EXCEEDED} or {@code NO_SUCH_MEDIA}.
 */
public final class MediaClient {
    private final HttpApi api;
    private final Supplier<CompletableFuture<String>> token;
    private final Function<String, CompletableFuture<String>> relogin;
    private final BiFunction<Long, RawJson, CompletableFuture<Sent>> send;

    MediaClient(HttpApi api, Supplier<CompletableFuture<String>> token,
                Function<String, CompletableFuture<String>> relogin, BiFunction<Long, RawJson, CompletableFuture<Sent>> send) {
        this.api = api;
        this.token = token;
        this.relogin = relogin;
        this.send = send;
    }

    /** Uploads a file; {@code progress} (may be null) is told the bytes sent so far as they go out. */
    public CompletableFuture<Uploaded> upload(Path file, LongConsumer progress) {
        String name = file.getFileName().toString();
        return call(t -> api.upload(file, name, t, progress == null ? n -> { } : progress)).thenApply(MediaClient::uploaded);
    }

    /** Uploads a picture and sends it to a user as an image message (contentType 2), with an optional caption. */
    public CompletableFuture<Sent> sendImage(long toId, Path file, String caption) {
        return upload(file, null).thenCompose(u -> {
            if (u.width() == 0) {
                throw new TernClientException(0, "INVALID_CONTENT", file + " is " + u.mime() + ", not an image", 0);
            }
            return send.apply(toId, withCaption(u, ContentRules.IMAGE, caption));
        });
    }

    /** Uploads any file and sends it to a user as a file message (contentType 3). */
    public CompletableFuture<Sent> sendFile(long toId, Path file, String caption) {
        return upload(file, null).thenCompose(u -> send.apply(toId, withCaption(u, ContentRules.FILE, caption)));
    }

    /** Downloads a media (or its thumbnail) the user may read to {@code target}; completes with the path. */
    public CompletableFuture<Path> download(String mediaId, boolean thumbnail, Path target) {
        if (!ContentRules.MEDIA_ID.matcher(mediaId).matches()) {
            throw new IllegalArgumentException("not a media id: " + mediaId);
        }
        String path = "api/media/" + mediaId + (thumbnail ? "/thumbnail" : "");
        return call(t -> api.download(path, t, target).thenApply(p -> null)).thenApply(x -> target);
    }

    /** A short-lived URL (relative to the server) that fetches the media without a token, e.g. for a browser. */
    public CompletableFuture<String> link(String mediaId) {
        return call(t -> api.get("api/media/" + mediaId + "/link", t)).thenApply(b -> b.path("url").asText());
    }

    private static RawJson withCaption(Uploaded u, int type, String caption) {
        ObjectNode content = ((ObjectNode) u.content().tree()).deepCopy();
        content.put("contentType", type);
        if (caption != null && !caption.isEmpty()) {
            content.put("caption", caption);
        }
        return new RawJson(content.toString());
    }

    private static Uploaded uploaded(JsonNode b) {
        return new Uploaded(b.path("mediaId").asText(), b.path("mime").asText(), b.path("size").asLong(),
                b.path("name").asText(), b.path("width").asInt(), b.path("height").asInt(),
                new RawJson(b.path("content").toString()));
    }

    /** With the current token, and once more with a fresh one if it was refused. */
    private CompletableFuture<JsonNode> call(Function<String, CompletableFuture<JsonNode>> request) {
        return token.get().thenCompose(t -> request.apply(t).exceptionallyCompose(err -> {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof TernClientException e && e.httpStatus() == 401) {
                return relogin.apply(t).thenCompose(request);
            }
            return CompletableFuture.failedFuture(cause);
        }));
    }
}
