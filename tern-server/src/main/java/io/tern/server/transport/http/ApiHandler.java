package io.tern.server.transport.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.account.AccountsManager;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Routes {@code /api/...} requests through the route table and runs them on the blocking executor; other
 * requests go on down the pipeline (to the static web client).
 */
@Sharable
public final class ApiHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    /** Set while a request is being answered, so idle detection leaves the connection open (long-poll). */
    public static final io.netty.util.AttributeKey<Boolean> BUSY = io.netty.util.AttributeKey.valueOf("tern.busy");

    private record CompiledRoute(ApiRoute route, Pattern pattern, List<String> params) {
    }

    private final List<CompiledRoute> routes = new ArrayList<>();
    private final AllowedMethods allowed;
    private final AccountsManager accounts;
    private final Executor blocking;
    private final TernMetrics metrics;

    public ApiHandler(List<ApiRoute> routes, AccountsManager accounts, Executor blocking, TernMetrics metrics) {
        this.metrics = metrics;
        for (ApiRoute route : routes) {
            List<String> params = new ArrayList<>();
            Matcher m = PARAM.matcher(route.template());
            while (m.find()) {
                params.add(m.group(1));
            }
            this.routes.add(new CompiledRoute(route, route.pattern(), params));
        }
        // literal paths win over templates: /api/users/online before /api/users/{username}
        this.routes.sort(java.util.Comparator.comparingInt(r -> r.params().size()));
        this.allowed = new AllowedMethods(routes, MediaRoutes.STREAMED);
        this.accounts = accounts;
        this.blocking = blocking;
    }

    /** The routes served, for documentation checks. */
    public List<ApiRoute> routes() {
        return routes.stream().map(CompiledRoute::route).toList();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!uri.path().startsWith("/api/")) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            route(ctx, request, uri);
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.content().isReadable() && !isJson(request)) {
            // text/plain and form bodies are what a hostile page can make a browser send cross-site without
            // a preflight; the API reads JSON only, so it refuses them before any route sees them
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "request bodies must be Content-Type: application/json");
            return;
        }
        // HEAD is GET without the body: the HTTP codec drops the content of an answer to HEAD, keeping its length
        String method = request.method().equals(HttpMethod.HEAD) ? "GET" : request.method().name();
        for (CompiledRoute compiled : routes) {
            Matcher m = compiled.pattern().matcher(uri.path());
            if (!m.matches() || !compiled.route().method().equals(method)) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            for (String name : compiled.params()) {
                params.put(name, QueryStringDecoder.decodeComponent(m.group(name)));
            }
            ApiRequest apiRequest = new ApiRequest(method, uri.path(), params, uri.parameters(),
                    request.headers().get(HttpHeaderNames.HOST),
                    HttpResponses.bearerToken(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
                    ByteBufUtil.getBytes(request.content()), null, remoteAddress(ctx));
            ctx.channel().attr(BUSY).set(Boolean.TRUE);
            CompletableFuture.supplyAsync(() -> authenticate(compiled.route(), apiRequest), blocking)
                    .thenCompose(req -> compiled.route().handler().handle(req))
                    .whenComplete((response, err) -> {
                        ctx.channel().attr(BUSY).set(null);
                        respond(ctx, keepAlive, response, err);
                    });
            return;
        }
        java.util.Set<String> allow = allowed.forPath(uri.path());
        if (!allow.isEmpty()) {
            metrics.error(ErrorCode.METHOD_NOT_ALLOWED);
            HttpResponses.sendMethodNotAllowed(ctx, keepAlive, request.method().name(), uri.path(), allow);
        } else {
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
                    "no endpoint " + uri.path());
        }
    }

    private static boolean isJson(FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        return mime != null && "application/json".contentEquals(mime.toString().trim().toLowerCase(java.util.Locale.ROOT));
    }

    private static String remoteAddress(ChannelHandlerContext ctx) {
        return io.tern.server.transport.ClientAddressHandler.text(ctx); // behind a trusted proxy: the forwarded one
    }

    private ApiRequest authenticate(ApiRoute route, ApiRequest request) {
        return route.authenticated() ? request.withPrincipal(accounts.authenticate(request.bearerToken())) : request;
    }

    private void respond(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse response, Throwable err) {
        if (err == null) {
            HttpResponses.sendJson(ctx, keepAlive, response.status(), response.body());
            return;
        }
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause instanceof TernException te) {
            metrics.error(te.code());
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.valueOf(te.code().httpStatus()), te.code(),
                    te.getMessage(), te.retryAfterMillis());
        } else if (cause instanceof IllegalArgumentException) {
            metrics.error(ErrorCode.INVALID_FIELD);
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, ErrorCode.INVALID_FIELD,
                    cause.getMessage());
        } else {
            log.warn("API request failed", cause);
            metrics.error(ErrorCode.INTERNAL);
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL,
                    "internal error");
        }
    }
}
