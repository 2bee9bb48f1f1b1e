package io.tern.server.transport.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.tern.protocol.ErrorFrame;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.Ticker;
import io.tern.server.core.account.Principal;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.Outbox;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.transport.ChannelAttrs;
import io.tern.server.core.account.AccountsManager;
import java.util.concurrent.Executor;

/** Turns an authenticated channel into a registered session, for handshake login and frame login alike. */
public final class SessionOpener {
    private final SessionRegistry sessions;
    private final Ticker ticker;
    private final TernConfig.Session config;
    private final AccountsManager accounts;
    private final Executor blocking;
    private final TernMetrics metrics;
    /** Built here, not in the composition root: how frames reach the socket is this transport's own business. */
    private final SharedFrames frames = new SharedFrames();

    public SessionOpener(SessionRegistry sessions, Ticker ticker, TernConfig.Session config, AccountsManager accounts,
                         Executor blocking, TernMetrics metrics) {
        this.metrics = metrics;
        this.sessions = sessions;
        this.ticker = ticker;
        this.config = config;
        this.accounts = accounts;
        this.blocking = blocking;
    }

    /** Registers the session; on refusal the client gets the error and the channel is closed. */
    public DeviceSession open(Channel channel, Principal principal) {
        NettyWsConnection connection = new NettyWsConnection(channel, frames);
        DeviceSession session = new DeviceSession(sessions.nextSessionId(), principal, connection,
                new Outbox(connection, ticker, config, metrics));
        try {
            sessions.register(session);
        } catch (TernException e) {
            channel.writeAndFlush(ErrorFrame.of(e.code(), e.getMessage(), null, null))
                    .addListener(ChannelFutureListener.CLOSE);
            return null;
        }
        java.util.concurrent.CompletableFuture<TernException> refusal = session.refusal();
        if (!refusal.isDone()) {
            // The cluster may still refuse the device (REFUSE_NEW, connectionsPerUser on other nodes): read none of
            // its frames before it decides, so a refused device has sent nothing that was acted on.
            channel.config().setAutoRead(false);
            refusal.whenComplete((refused, err) -> channel.eventLoop().execute(() -> {
                if (refused == null) {
                    channel.config().setAutoRead(true);
                }
            }));
        }
        if (refusal.getNow(null) != null) {
            return null; // refused already: the error is on its way and the channel closes
        }
        channel.attr(ChannelAttrs.SESSION).set(session);
        touchLastSeen(principal.userId());
        return session;
    }

    public void close(DeviceSession session) {
        session.outbox().discard();
        sessions.unregister(session);
        touchLastSeen(session.userId());
    }

    private void touchLastSeen(long userId) {
        try {
            blocking.execute(() -> accounts.touchLastSeen(userId));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: last-seen is best effort
        }
    }
}
