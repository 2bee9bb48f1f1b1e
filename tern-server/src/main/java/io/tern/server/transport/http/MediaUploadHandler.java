package io.tern.server.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.media.UploadSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /api/media}: takes the body chunk by chunk before the JSON aggregator would collect it, and
 * streams it to a temporary file on the blocking pool, in order, never holding more than {@link #HIGH_WATER}
 * bytes: above that the connection stops reading until the disk caught up. Every other request passes by.
 * A refused upload (token, quota, size) is answered once its body has been read and dropped, so the client
 * reads the answer instead of a reset; a body past the size limit is answered at once and the connection closed.
 * One per connection: it holds the upload in progress.
 */
public final class MediaUploadHandler extends ChannelInboundHandlerAdapter {
    static final String PATH = "/api/media";
    private static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = 256 << 10;

    private final MediaUploads uploads;
    private Upload current;

    /** One upload: its sink (once the token is checked), what arrived, what waits for the disk, how it ended. */
    private static final class Upload {
        final boolean keepAlive;
        final String name;
        CompletableFuture<UploadSink> tail;
        long received;
        long pending;
        TernException failure;
        boolean answered;
        long ownerId;

        Upload(boolean keepAlive, String name) {
            this.keepAlive = keepAlive;
            this.name = name;
        }
    }

    public MediaUploadHandler(MediaUploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && isUpload(request)) {
            begin(ctx, request);
            if (msg instanceof HttpContent content) {
                content(ctx, content);
            }
        } else if (current != null && msg instanceof HttpContent content) {
            content(ctx, content);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private static boolean isUpload(HttpRequest request) {
        return request.decoderResult().isSuccess() && request.method().equals(HttpMethod.POST)
                && new QueryStringDecoder(request.uri()).path().equals(PATH);
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String name = uri.parameters().containsKey("name") ? uri.parameters().get("name").get(0) : null;
        Upload u = new Upload(HttpUtil.isKeepAlive(request), name);
        current = u;
        ctx.channel().attr(ApiHandler.BUSY).set(Boolean.TRUE);
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > uploads.maxFileBytes()) {
            u.failure = tooLarge();
            answer(ctx, u, true); // nothing useful would come of reading it
            return;
        }
        String token = HttpResponses.bearerToken(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        u.tail = CompletableFuture.supplyAsync(() -> {
            long owner = uploads.authenticate(token);
            // only a full quota is refused before the body: the same bytes again would cost nothing (de-duplication)
            uploads.checkQuota(owner, 1);
            u.ownerId = owner;
            return uploads.newSink();
        }, uploads.blocking());
        u.tail.whenComplete((sink, err) -> {
            if (err != null) {
                ctx.executor().execute(() -> failed(u, err));
            }
        });
        if (HttpUtil.is100ContinueExpected(request)) {
            u.tail.whenComplete((sink, err) -> ctx.executor().execute(() -> {
                if (err == null && current == u) {
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
                }
            }));
        }
    }

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        Upload u = current;
        ByteBuf buf = content.content();
        int n = buf.readableBytes();
        u.received += n;
        boolean last = content instanceof LastHttpContent;
        if (u.received > uploads.maxFileBytes() && u.failure == null) {
            content.release();
            failed(u, tooLarge());
            answer(ctx, u, true);
            return;
        }
        if (u.failure != null || u.tail == null) {
            content.release();
            if (last) {
                answer(ctx, u, false);
            } else if (u.received > uploads.maxFileBytes()) {
                answer(ctx, u, true);
            }
            return;
        }
        u.pending += n;
        if (u.pending > HIGH_WATER) {
            ctx.channel().config().setAutoRead(false);
        }
        u.tail = u.tail.handleAsync((sink, err) -> {
            try {
                if (err != null) {
                    throw err instanceof CompletionException ? (CompletionException) err : new CompletionException(err);
                }
                sink.write(buf.nioBuffers());
                return sink;
            } finally {
                buf.release();
                ctx.executor().execute(() -> drained(ctx, u, n));
            }
        }, uploads.blocking());
        if (last) {
            finish(ctx, u);
        }
    }

    private void drained(ChannelHandlerContext ctx, Upload u, int n) {
        u.pending -= n;
        if (u.pending < LOW_WATER && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    private void finish(ChannelHandlerContext ctx, Upload u) {
        u.tail.thenApplyAsync(sink -> uploads.finish(u.ownerId, u.name, sink), uploads.blocking())
                .whenComplete((media, err) -> ctx.executor().execute(() -> {
                    if (err != null) {
                        failed(u, err);
                        answer(ctx, u, false);
                    } else if (current == u && !u.answered) {
                        u.answered = true;
                        done(ctx);
                        HttpResponses.sendJson(ctx, u.keepAlive, HttpResponseStatus.CREATED, MediaJson.uploaded(media));
                    }
                }));
    }

    /** Remembers the first failure and drops the temporary file once the writes queued before it are done. */
    private void failed(Upload u, Throwable err) {
        if (u.failure == null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            u.failure = cause instanceof TernException te ? te : uploads.unexpected(cause);
        }
        discard(u);
    }

    private void discard(Upload u) {
        if (u.tail != null) {
            u.tail.whenComplete((sink, e) -> {
                if (sink != null) {
                    sink.abort();
                }
            });
        }
    }

    private void answer(ChannelHandlerContext ctx, Upload u, boolean close) {
        if (current != u || u.answered) {
            return;
        }
        u.answered = true;
        done(ctx);
        TernException f = u.failure;
        uploads.count(f.code());
        HttpResponses.sendError(ctx, u.keepAlive && !close, HttpResponseStatus.valueOf(f.code().httpStatus()), f.code(),
                f.getMessage());
        if (close) {
            current = u; // drop whatever else of this body still arrives until the connection is closed
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void done(ChannelHandlerContext ctx) {
        current = null;
        ctx.channel().attr(ApiHandler.BUSY).set(null);
        ctx.channel().config().setAutoRead(true);
    }

    private TernException tooLarge() {
        return new TernException(ErrorCode.MEDIA_TOO_LARGE, "an upload may have at most " + uploads.maxFileBytes()
                + " bytes");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            discard(current);
            current = null;
        }
        ctx.fireChannelInactive();
    }
}
