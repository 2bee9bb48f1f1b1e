package io.tern.server.transport.http;

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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Operator endpoints: {@code /metrics} (Prometheus text), {@code /healthz} (the process answers) and
 * {@code /readyz} (the store is reachable: 200, else 503). Scrapes and checks run off the I/O threads.
 * Metrics tell an outsider how busy the server is and who uses it when, so {@code /metrics} needs the ops
 * token ({@code Authorization: Bearer}) when one is configured, and is served to loopback only when none is.
 */
@Sharable
public final class OpsHandler extends ChannelInboundHandlerAdapter {
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final java.util.Set<String> PATHS = java.util.Set.of("/metrics", "/healthz", "/readyz");
    private static final java.util.List<String> GET_HEAD = java.util.List.of("GET", "HEAD");

    private final Supplier<String> scrape;
    private final BooleanSupplier ready;
    private final Executor blocking;
    private final String opsToken;

    public OpsHandler(Supplier<String> scrape, BooleanSupplier ready, Executor blocking, String opsToken) {
        this.opsToken = opsToken;
        this.scrape = scrape;
        this.ready = ready;
        this.blocking = blocking;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            if (PATHS.contains(path)) {
                ReferenceCountUtil.release(request);
                HttpResponses.sendMethodNotAllowed(ctx, keepAlive, request.method().name(), path, GET_HEAD);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        if (path.equals("/metrics") && !metricsAllowed(ctx, request)) {
            ReferenceCountUtil.release(request);
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                    opsToken.isEmpty() ? "metrics are served to loopback only; set cluster.opsToken to scrape from elsewhere"
                            : "metrics need the ops token");
            return;
        }
        switch (path) {
            case "/metrics" -> CompletableFuture.supplyAsync(scrape, blocking).whenComplete((text, err) ->
                    HttpResponses.send(ctx, keepAlive, err == null ? HttpResponseStatus.OK
                                    : HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            (err == null ? text : "scrape failed").getBytes(StandardCharsets.UTF_8), PROMETHEUS_TYPE));
            case "/healthz" -> HttpResponses.sendJson(ctx, keepAlive, HttpResponseStatus.OK, Map.of("status", "ok"));
            case "/readyz" -> CompletableFuture.supplyAsync(ready::getAsBoolean, blocking).whenComplete((ok, err) ->
                    HttpResponses.sendJson(ctx, keepAlive, Boolean.TRUE.equals(ok) ? HttpResponseStatus.OK
                                    : HttpResponseStatus.SERVICE_UNAVAILABLE,
                            Map.of("status", Boolean.TRUE.equals(ok) ? "ready" : "store unreachable")));
            default -> {
                ctx.fireChannelRead(msg);
                return;
            }
        }
        ReferenceCountUtil.release(request);
    }

    private boolean metricsAllowed(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!opsToken.isEmpty()) {
            String given = HttpResponses.bearerToken(request.headers().get(HttpHeaderNames.AUTHORIZATION));
            return given != null && java.security.MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    opsToken.getBytes(StandardCharsets.UTF_8));
        }
        // the client's address, not a local proxy's: behind nginx every request would look like loopback
        java.net.InetAddress client = io.tern.server.transport.ClientAddressHandler.of(ctx);
        return client != null && client.isLoopbackAddress();
    }
}
