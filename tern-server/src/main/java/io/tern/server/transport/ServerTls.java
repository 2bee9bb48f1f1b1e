package io.tern.server.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tern.server.config.TernConfig;
import java.io.File;
import javax.net.ssl.SSLException;

/** The server's TLS context from the configured certificate and key, loaded once at start-up. */
public final class ServerTls {
    private ServerTls() {
    }

    /** Null when TLS is off; a start-up failure naming both files when they cannot be loaded. */
    public static SslContext context(TernConfig.Tls tls) {
        if (!tls.enabled()) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load TLS certificate " + tls.certFile() + " and key "
                    + tls.keyFile() + ": " + e.getMessage(), e);
        }
    }
}
