package io.tern.server.transport.ws;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.account.Principal;
import io.tern.server.transport.ChannelAttrs;
import io.tern.server.transport.http.HttpResponses;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Checks a WebSocket handshake before the upgrade. First its {@code Origin}: a browser always sends one, so
 * a page of a foreign site cannot open a socket with a token it got hold of (cross-site WebSocket
 * hijacking); allowed are the server's own origin (the {@code Origin} host equals the {@code Host} header),
 * the configured {@code server.allowedOrigins}, and no {@code Origin} at all (apps and SDKs). Then the token
 * ({@code /ws?token=} or {@code Authorization: Bearer}): a bad token gets 403 and no WebSocket. A handshake
 * without any token goes through; that connection must log in by frame.
 */
@Sharable
public final class WebSocketAuthHandler extends ChannelInboundHandlerAdapter {
    public static final String WS_PATH = "/ws";

    private final AccountsManager accounts;
    private final Executor blocking;
    private final List<String> allowedOrigins;
    /** True while the node is draining: it takes no new connections (the client asks for another node). */
    private final java.util.function.BooleanSupplier draining;

    public WebSocketAuthHandler(AccountsManager accounts, Executor blocking, List<String> allowedOrigins) {
        this(accounts, blocking, allowedOrigins, () -> false);
    }

    public WebSocketAuthHandler(AccountsManager accounts, Executor blocking, List<String> allowedOrigins,
                                java.util.function.BooleanSupplier draining) {
        this.accounts = accounts;
        this.blocking = blocking;
        this.allowedOrigins = allowedOrigins;
        this.draining = draining;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.uri().startsWith(WS_PATH)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!isWebSocketPath(request.uri())) {
            // Netty's upgrade handler would also take /ws/...; only /ws itself is an endpoint
            ReferenceCountUtil.release(request);
            HttpResponses.sendError(ctx, false, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "no endpoint here");
            return;
        }
        if (!request.method().equals(io.netty.handler.codec.http.HttpMethod.GET)) {
            ReferenceCountUtil.release(request);
            HttpResponses.sendMethodNotAllowed(ctx, false, request.method().name(), WS_PATH, java.util.List.of("GET"));
            return;
        }
        if (!originAllowed(request)) {
            ReferenceCountUtil.release(request);
            HttpResponses.sendError(ctx, false, HttpResponseStatus.FORBIDDEN, ErrorCode.FORBIDDEN_ORIGIN,
                    "web pages of this origin may not connect; see server.allowedOrigins");
            return;
        }
        if (draining.getAsBoolean()) {
            ReferenceCountUtil.release(request);
            HttpResponses.sendError(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE,
                    "this node is draining: ask POST /api/reconnect for another one");
            return;
        }
        String token = tokenOf(request);
        if (token == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        CompletableFuture.supplyAsync(() -> accounts.authenticate(token), blocking).whenComplete((principal, err) ->
                ctx.executor().execute(() -> proceed(ctx, request, principal, err)));
    }

    private static void proceed(ChannelHandlerContext ctx, FullHttpRequest request, Principal principal, Throwable err) {
        if (err == null) {
            ctx.channel().attr(ChannelAttrs.PRINCIPAL).set(principal);
            ctx.fireChannelRead(request);
            return;
        }
        ReferenceCountUtil.release(request);
        Throwable cause = err.getCause() != null ? err.getCause() : err;
        ErrorCode code = cause instanceof TernException te ? te.code() : ErrorCode.INTERNAL;
        HttpResponseStatus status = code == ErrorCode.INVALID_TOKEN ? HttpResponseStatus.FORBIDDEN
                : HttpResponseStatus.valueOf(code.httpStatus());
        HttpResponses.sendError(ctx, false, status, code,
                code == ErrorCode.INVALID_TOKEN ? "token is invalid, expired or revoked" : "cannot check token");
    }

    boolean originAllowed(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || allowedOrigins.contains("*")) {
            return true;
        }
        String normalized = origin.trim().toLowerCase(java.util.Locale.ROOT);
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        int scheme = normalized.indexOf("://");
        return host != null && scheme > 0 && normalized.substring(scheme + 3).equals(host.trim().toLowerCase(java.util.Locale.ROOT));
    }

    static boolean isWebSocketPath(String uri) {
        return uri.equals(WS_PATH) || uri.startsWith(WS_PATH + "?");
    }

    /** The token from the query string or the Authorization header; null if neither has one. */
    static String tokenOf(FullHttpRequest request) {
        List<String> fromQuery = new QueryStringDecoder(request.uri()).parameters().get("token");
        if (fromQuery != null && !fromQuery.isEmpty()) {
            return fromQuery.get(0);
        }
        return HttpResponses.bearerToken(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    }
}
