package io.tern.server.transport.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tern.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web client from the classpath folder {@code /web}; {@code /} is {@code index.html}. Only files
 * that exist are cached: a miss is looked up again next time rather than remembered, so the cache can never
 * hold more than the files shipped, whatever paths clients make up.
 */
@Sharable
public final class StaticHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-]+)*/[A-Za-z0-9_.-]+");
    /** Longer paths than any shipped file are refused before touching the class loader. */
    private static final int MAX_PATH = 128;
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json; charset=utf-8");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals("/")) {
            path = "/index.html";
        }
        boolean readable = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
        byte[] body = file(path);
        if (body != null && !readable) {
            HttpResponses.sendMethodNotAllowed(ctx, keepAlive, request.method().name(), path, List.of("GET", "HEAD"));
            return;
        }
        if (body == null) {
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
            return;
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.getOrDefault(ext, "application/octet-stream");
        if (request.method().equals(HttpMethod.HEAD)) {
            HttpResponses.sendHead(ctx, keepAlive, body.length, type);
        } else {
            HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, body, type);
        }
    }

    /** Files held in the cache; never more than the files under {@code /web}. */
    public int cachedFiles() {
        return cache.size();
    }

    private byte[] file(String path) {
        if (path.length() > MAX_PATH || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return null;
        }
        byte[] cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        byte[] loaded = load(path);
        if (loaded != null) {
            cache.putIfAbsent(path, loaded);
        }
        return loaded;
    }

    private static byte[] load(String path) {
        try (InputStream in = StaticHandler.class.getResourceAsStream("/web" + path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
