package io.tern.server.transport.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.tern.protocol.HeartbeatTimeout;
import io.tern.protocol.Ping;
import io.tern.server.transport.http.ApiHandler;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats. After half the idle timeout without a read, a WebSocket client is sent a PING (a client whose
 * own timer is throttled, like a background browser tab, still answers it). A second such period without a
 * read means the connection is dead: HEARTBEAT_TIMEOUT, then close. An idle plain HTTP connection is just
 * closed, unless a request of it is still being answered.
 *
 * <p>Idleness is tracked here rather than by Netty's IdleStateHandler plus a handler for its events: one
 * object and one pipeline context per connection instead of two handlers, a task and a lambda, which adds up
 * over tens of thousands of connections. Time is the event loop's monotonic ticker.
 */
public final class HeartbeatHandler extends ChannelDuplexHandler implements Runnable {
    private final long periodNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long lastReadNanos;
    private boolean reading;
    /** Whether a whole period passed without a read since the last one: the next idle period is the second. */
    private boolean idleOnce;
    /** Whether the WebSocket handshake completed (a field, not a channel attribute: ~30 bytes less a connection). */
    private boolean upgraded;

    public HeartbeatHandler(long periodMillis) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodMillis);
        }
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
    }

    /** Called once the WebSocket handshake completed: idleness now means PING, then HEARTBEAT_TIMEOUT. */
    void upgraded() {
        upgraded = true;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        idleOnce = false;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading) {
            lastReadNanos = now();
            reading = false;
        }
        ctx.fireChannelReadComplete();
    }

    private void start() {
        if (timer == null) {
            lastReadNanos = now();
            timer = ctx.executor().schedule(this, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Cancels the timer for good: {@link #start} does nothing once a timer was set. */
    private void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    /** The timer: either a read came within the period (wait for the rest of it) or the period was idle. */
    @Override
    public void run() {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long left = reading ? periodNanos : periodNanos - (now() - lastReadNanos);
        if (left > 0) {
            timer = ctx.executor().schedule(this, left, TimeUnit.NANOSECONDS);
            return;
        }
        timer = ctx.executor().schedule(this, periodNanos, TimeUnit.NANOSECONDS);
        boolean first = !idleOnce;
        idleOnce = true;
        idle(first);
    }

    private void idle(boolean first) {
        if (!upgraded) {
            if (ctx.channel().attr(ApiHandler.BUSY).get() == null) {
                ctx.close();
            }
        } else if (first) {
            // from the tail, so the frame codec (after this handler) encodes it
            ctx.channel().writeAndFlush(new Ping(), ctx.voidPromise());
        } else {
            ctx.channel().writeAndFlush(new HeartbeatTimeout()).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
