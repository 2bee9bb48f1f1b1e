package io.tern.server.transport.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Adds the browser security headers to every HTTP response: a Content-Security-Policy that allows only the
 * server's own scripts, styles and connections and no framing (clickjacking), {@code nosniff}, no referrer,
 * and HSTS when TLS is on. The web client keeps its token in sessionStorage, so the CSP is what limits the
 * damage if an XSS ever slips in: no inline script, no foreign script, nowhere to send the token.
 */
@Sharable
public final class SecurityHeadersHandler extends ChannelOutboundHandlerAdapter {
    private final String policy;
    private final boolean tls;

    /** {@code extraConnectSources}: origins the web client may connect to besides its own (other nodes). */
    public SecurityHeadersHandler(boolean tls, String extraConnectSources) {
        this.tls = tls;
        String connect = ("'self' " + extraConnectSources).trim();
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "connect-src " + connect + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    /** The Content-Security-Policy header value, as sent. */
    public String policy() {
        return policy;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            HttpHeaders h = response.headers();
            h.set("Content-Security-Policy", policy);
            h.set("X-Frame-Options", "DENY");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Cross-Origin-Opener-Policy", "same-origin");
            if (tls) {
                h.set("Strict-Transport-Security", "max-age=31536000");
            }
        }
        ctx.write(msg, promise);
    }
}
