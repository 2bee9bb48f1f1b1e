package io.tern.server.transport.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Operator endpoints: {@code /metrics} (Prometheus text), {@code /healthz} (the process answers) and
 * {@code /readyz} (the store is reachable: 200, else 503). Scrapes and checks run off the I/O threads.
 */
@Sharable
public final class OpsHandler extends ChannelInboundHandlerAdapter {
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final BooleanSupplier ready;
    private final Executor blocking;

    public OpsHandler(Supplier<String> scrape, BooleanSupplier ready, Executor blocking) {
        this.scrape = scrape;
        this.ready = ready;
        this.blocking = blocking;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.method().equals(HttpMethod.GET)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
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
}
