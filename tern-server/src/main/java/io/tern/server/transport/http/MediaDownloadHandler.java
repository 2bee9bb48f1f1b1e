package io.tern.server.transport.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.media.MediaService;
import io.tern.server.core.media.StoredMedia;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET}/{@code HEAD /api/media/{mediaId}} and {@code .../thumbnail}: with a bearer token (the uploader or a
 * member whose window holds a message naming the media) or with a signed link's {@code exp} and {@code sig}.
 * The access check, opening the blob and every read of it run on the blocking pool ({@link PooledBlobInput}),
 * whichever backend holds it (local disk or S3); the bytes go out in chunks, never whole in memory, with one byte range if asked, an ETag (the blob's SHA-256), cache headers and a
 * Content-Type and Content-Disposition that never let an upload act as a page (see {@link MediaTypes}).
 */
@Sharable
public final class MediaDownloadHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MediaDownloadHandler.class);
    private static final Pattern PATH = Pattern.compile("/api/media/([A-Za-z0-9_-]{1,64})(/thumbnail)?");
    private static final int CHUNK = 64 << 10;
    private static final String CACHE = "private, max-age=86400, immutable";

    private final AccountsManager accounts;
    private final MediaService media;
    private final Executor blocking;
    private final TernMetrics metrics;

    /** A blob the requester may read; opened only when its bytes are to go out. */
    private record Served(StoredMedia media, boolean thumbnail, long size) {
    }

    public MediaDownloadHandler(AccountsManager accounts, MediaService media, Executor blocking, TernMetrics metrics) {
        this.accounts = accounts;
        this.media = media;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !(request.method().equals(HttpMethod.GET)
                || request.method().equals(HttpMethod.HEAD))) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Matcher m = PATH.matcher(uri.path());
        if (!m.matches()) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().equals(HttpMethod.HEAD);
        HttpHeaders headers = request.headers().copy();
        ReferenceCountUtil.release(request);
        String id = m.group(1);
        boolean thumbnail = m.group(2) != null;
        String token = HttpResponses.bearerToken(headers.get(HttpHeaderNames.AUTHORIZATION));
        ctx.channel().attr(ApiHandler.BUSY).set(Boolean.TRUE);
        CompletableFuture.supplyAsync(() -> open(id, thumbnail, uri.parameters(), token), blocking)
                .whenComplete((served, err) -> ctx.executor().execute(() -> {
                    ctx.channel().attr(ApiHandler.BUSY).set(null);
                    if (err != null) {
                        fail(ctx, keepAlive, err);
                    } else {
                        send(ctx, keepAlive, head, headers, served);
                    }
                }));
    }

    private Served open(String id, boolean thumbnail, Map<String, List<String>> query, String token) {
        StoredMedia m;
        if (query.containsKey("sig")) {
            long exp;
            try {
                exp = Long.parseLong(query.getOrDefault("exp", List.of("")).get(0));
            } catch (NumberFormatException e) {
                throw new TernException(ErrorCode.LINK_EXPIRED, "a signed media link needs exp and sig");
            }
            m = media.signed(id, thumbnail ? MediaService.THUMBNAIL : MediaService.FILE, exp, query.get("sig").get(0));
        } else {
            m = media.readable(accounts.authenticate(token).userId(), id);
        }
        media.checkVariant(m, thumbnail);
        return new Served(m, thumbnail, thumbnail ? m.thumbSize() : m.size());
    }

    private void send(ChannelHandlerContext ctx, boolean keepAlive, boolean head, HttpHeaders request, Served s) {
        StoredMedia m = s.media();
        String etag = "\"" + (s.thumbnail() ? m.thumbSha256() : m.sha256()) + "\"";
        String mime = s.thumbnail() ? MediaTypes.thumbnailType(m) : m.mime();
        if (etag.equals(request.get(HttpHeaderNames.IF_NONE_MATCH))) {
            HttpResponse notModified = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
            notModified.headers().set(HttpHeaderNames.ETAG, etag).set(HttpHeaderNames.CACHE_CONTROL, CACHE);
            write(ctx, keepAlive, notModified);
            return;
        }
        String ifRange = request.get(HttpHeaderNames.IF_RANGE);
        ByteRange range = ifRange == null || ifRange.equals(etag)
                ? ByteRange.parse(request.get(HttpHeaderNames.RANGE), s.size()) : null;
        if (range == ByteRange.UNSATISFIABLE) {
            metrics.error(ErrorCode.RANGE_NOT_SATISFIABLE);
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    ErrorCode.RANGE_NOT_SATISFIABLE, "the file has " + s.size() + " bytes", 0);
            return;
        }
        long start = range == null ? 0 : range.start();
        long length = range == null ? s.size() : range.length();
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT);
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, s.thumbnail() ? mime : MediaTypes.contentType(mime));
        h.set(HttpHeaderNames.CONTENT_DISPOSITION, MediaTypes.disposition(s.thumbnail() || MediaTypes.inline(mime),
                s.thumbnail() ? "thumbnail" : m.name()));
        h.set("X-Content-Type-Options", "nosniff");
        h.set(HttpHeaderNames.ETAG, etag);
        h.set(HttpHeaderNames.CACHE_CONTROL, CACHE);
        h.set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        h.set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (range != null) {
            h.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + (start + length - 1) + "/" + s.size());
        }
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (head) {
            DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status());
            full.headers().set(h);
            write(ctx, keepAlive, full);
            return;
        }
        ctx.write(response);
        ChannelFuture done = ctx.writeAndFlush(new HttpChunkedInput(
                new PooledBlobInput(() -> media.open(m, s.thumbnail(), start, length), length, CHUNK, blocking, ctx)));
        // a read that failed half-way leaves a response shorter than its Content-Length: end the connection
        done.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture f = ctx.writeAndFlush(response);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void fail(ChannelHandlerContext ctx, boolean keepAlive, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause instanceof TernException te) {
            metrics.error(te.code());
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.valueOf(te.code().httpStatus()), te.code(),
                    te.getMessage());
        } else {
            log.warn("media download failed", cause);
            metrics.error(ErrorCode.INTERNAL);
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL,
                    "internal error");
        }
    }
}
