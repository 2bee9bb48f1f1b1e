package io.tern.server.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernMetrics;
import io.tern.server.transport.http.ApiHandler;
import io.tern.server.transport.http.JsonObjectAggregator;
import io.tern.server.transport.http.MalformedRequestHandler;
import io.tern.server.transport.http.MediaPipeline;
import io.tern.server.transport.http.SecurityHeadersHandler;
import io.tern.server.transport.http.OpsHandler;
import io.tern.server.transport.http.StaticHandler;
import io.tern.server.transport.ws.FrameCodecHandler;
import io.tern.server.transport.ws.FrameDispatcher;
import io.tern.server.transport.ws.HeartbeatHandler;
import io.tern.server.transport.ws.SessionHandler;
import io.tern.server.transport.ws.SessionOpener;
import io.tern.server.transport.ws.WebSocketAuthHandler;
import java.util.List;

/**
 * The one pipeline, read top to bottom: HTTP decoding, idle detection, the token check of a WebSocket
 * handshake, the upgrade, frame codec, session lifecycle, frame dispatch; plain HTTP requests fall through
 * to the API and the static web client.
 */
public final class TernInitializer extends ChannelInitializer<SocketChannel> {
    /** Frames up to this size are read (and refused with an ERROR frame above the configured limit); larger ones close the connection. */
    static final int HARD_FRAME_CAP = 1 << 20;

    private final TernConfig config;
    private final WebSocketAuthHandler wsAuth;
    private final FrameCodecHandler frames;
    private final SessionOpener opener;
    private final SessionHandler sessionHandler;
    private final FrameDispatcher dispatcher;
    private final ApiHandler api;
    private final OpsHandler ops;
    private final StaticHandler statics = new StaticHandler();
    private final ExceptionHandler exceptions = new ExceptionHandler();
    private final MalformedRequestHandler malformed = new MalformedRequestHandler();
    private final SecurityHeadersHandler securityHeaders;
    private final ClientAddressHandler clientAddress;
    private final WebSocketServerProtocolConfig wsConfig;
    private final SslContext ssl;
    private final ConnectionLimitHandler connectionLimit;
    private final SlowConsumerHandler slowConsumers;
    private final MediaPipeline media;

    public TernInitializer(TernConfig config, WebSocketAuthHandler wsAuth, FrameCodecHandler frames,
                           SessionOpener opener, FrameDispatcher dispatcher, ApiHandler api, OpsHandler ops,
                           SslContext ssl, TernMetrics metrics, MediaPipeline media) {
        this.ssl = ssl;
        this.media = media;
        this.connectionLimit = config.limits().connectionsPerAddress() > 0
                ? new ConnectionLimitHandler(config.limits().connectionsPerAddress()) : null;
        this.slowConsumers = new SlowConsumerHandler(config.limits().maxOutboundBytes(), metrics);
        this.securityHeaders = new SecurityHeadersHandler(ssl != null, extraConnectSources(config));
        this.ops = ops;
        this.clientAddress = new ClientAddressHandler(config.operations().trustedProxies());
        this.config = config;
        this.wsAuth = wsAuth;
        this.frames = frames;
        this.opener = opener;
        this.sessionHandler = new SessionHandler(opener, config.session().loginTimeout());
        this.dispatcher = dispatcher;
        this.api = api;
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WebSocketAuthHandler.WS_PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(Math.max(HARD_FRAME_CAP, config.server().maxFrameBytes()))
                .handshakeTimeoutMillis(10_000)
                .build();
    }

    /**
     * Where the web client may connect besides its own origin: in a cluster, login hands out the WebSocket URL
     * of whichever node is least loaded, so any ws/wss origin; else the configured public WebSocket URL's.
     */
    private static String extraConnectSources(TernConfig config) {
        if (config.cluster().mode() == TernConfig.ClusterMode.REDIS) {
            return "ws: wss:";
        }
        String url = config.server().publicWsUrl();
        if (url.isEmpty()) {
            return "";
        }
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** Bytes queued for all connections, for the metrics. */
    public long pendingOutboundBytes() {
        return slowConsumers.pendingBytes();
    }

    /**
     * Handlers that only serve HTTP requests. A WebSocket connection no longer needs them once upgraded, and each
     * costs every connection a pipeline context (about 64 bytes): {@link #retireHttp} removes them. The exception
     * handler goes too: the frame dispatcher, last from then on, closes a failed connection the same way.
     */
    private static final List<String> HTTP_ONLY = List.of("securityHeaders", "mediaUpload", "aggregator", "malformed",
            "clientAddress", "wsAuth", "ops", "chunked", "mediaDownload", "api", "static", "exceptions");

    /** Called when the WebSocket handshake completed: the HTTP-only handlers go. */
    public static void retireHttp(ChannelPipeline pipeline) {
        for (String name : HTTP_ONLY) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        int frameCap = Math.max(HARD_FRAME_CAP, config.server().maxFrameBytes());
        ChannelPipeline p = ch.pipeline();
        if (connectionLimit != null) {
            p.addLast("connectionLimit", connectionLimit);
        }
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc()));
        }
        p.addLast("slowConsumers", slowConsumers);
        // one syscall for the many small frames a busy event loop writes in one pass (pushes, CHAT_RESPs)
        p.addLast("flushes", new FlushConsolidationHandler(256, true));
        p.addLast("http", new HttpServerCodec());
        p.addLast("securityHeaders", securityHeaders);
        p.addLast("mediaUpload", media.uploads().newHandler()); // streams POST /api/media to disk, before aggregation
        p.addLast("aggregator", new JsonObjectAggregator(config.server().maxHttpBodyBytes()));
        p.addLast("malformed", malformed);
        p.addLast("clientAddress", clientAddress);
        // half the timeout: the first idle period sends PING, the second closes (see HeartbeatHandler)
        p.addLast("heartbeat", new HeartbeatHandler(config.session().idleTimeout().toMillis() / 2));
        p.addLast("wsAuth", wsAuth);
        p.addLast("ws", new WebSocketServerProtocolHandler(wsConfig));
        p.addLast("wsAggregator", new WebSocketFrameAggregator(frameCap));
        p.addLast("frames", frames);
        p.addLast("session", sessionHandler);
        p.addLast("dispatch", dispatcher);
        p.addLast("ops", ops);
        p.addLast("chunked", new io.netty.handler.stream.ChunkedWriteHandler()); // media downloads, from the file
        p.addLast("mediaDownload", media.download());
        p.addLast("api", api);
        p.addLast("static", statics);
        p.addLast("exceptions", exceptions);
    }
}
