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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Serves the web client from the classpath folder {@code /web}; {@code /} is {@code index.html}. */
@Sharable
public final class StaticHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-]+)*/[A-Za-z0-9_.-]+");
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
        if (!request.method().equals(HttpMethod.GET) || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
            return;
        }
        byte[] body = cache.computeIfAbsent(path, StaticHandler::load);
        if (body.length == 0) {
            HttpResponses.sendError(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found");
            return;
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, body, TYPES.getOrDefault(ext, "application/octet-stream"));
    }

    private static byte[] load(String path) {
        try (InputStream in = StaticHandler.class.getResourceAsStream("/web" + path)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
