package io.tern.server.startup;

import io.netty.handler.ssl.SslContextBuilder;
import io.tern.server.config.TernConfig;
import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * The checks a node makes before it opens (and perhaps creates or migrates) its database, so a mistake in
 * the host, port or TLS files costs nothing and reads as one line. The port check binds and releases the
 * port at once: another process may still take it before the server binds, which then fails the same way.
 */
public final class StartupChecks {
    private StartupChecks() {
    }

    public static void verify(TernConfig config) {
        InetAddress host = resolve(config.server().host());
        portFree(host, config.server().port());
        tls(config.tls());
        transport(config.server().transport());
    }

    /** Before the database is touched, like the other checks (the event loops would refuse it only at bind). */
    static void transport(TernConfig.Transport wanted) {
        if (wanted == TernConfig.Transport.EPOLL && !io.netty.channel.epoll.Epoll.isAvailable()) {
            throw new StartupException(StartupException.CONFIG, "server.transport=EPOLL, but Netty's epoll transport "
                    + "does not load here (" + io.netty.channel.epoll.Epoll.unavailabilityCause() + "); use AUTO or NIO");
        }
    }

    static InetAddress resolve(String host) {
        if (host.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StartupException(StartupException.CONFIG, "server.host '" + host
                    + "' does not resolve to an address: use an IP address of this machine, or 0.0.0.0 for all");
        }
    }

    static void portFree(InetAddress host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the server binds: connections in TIME_WAIT do not count as in use
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw portInUse(host, port, e);
        } catch (IOException e) {
            throw new StartupException(StartupException.FAILED, "cannot listen on " + where(host, port) + ": "
                    + e.getMessage());
        }
    }

    /** The one line for a port another process holds, also when the server's own bind finds it so. */
    public static StartupException portInUse(InetAddress host, int port, Exception cause) {
        String detail = cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new StartupException(StartupException.PORT_IN_USE, "cannot listen on " + where(host, port) + detail
                + ": another program uses the port; stop it or choose another port with --port");
    }

    private static String where(InetAddress host, int port) {
        return (host == null ? "*" : host.getHostAddress()) + ":" + port;
    }

    static void tls(TernConfig.Tls tls) {
        if (!tls.enabled()) {
            return;
        }
        try {
            SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile())).build();
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new StartupException(StartupException.CONFIG, "cannot load TLS certificate " + tls.certFile()
                    + " with key " + tls.keyFile() + " (" + root.getMessage()
                    + "): give a PEM certificate chain and its unencrypted PEM PKCS#8 key");
        }
    }

    /**
     * A failure while the node was being built, as the one line Main prints: a port taken between the check
     * and the bind reads as the check's; anything else keeps its message.
     */
    public static RuntimeException explain(Exception e, TernConfig config) {
        if (e instanceof StartupException se) {
            return se;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return portInUse(resolveQuietly(config.server().host()), config.server().port(), bind);
            }
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }

    private static InetAddress resolveQuietly(String host) {
        try {
            return resolve(host);
        } catch (StartupException e) {
            return null;
        }
    }
}
