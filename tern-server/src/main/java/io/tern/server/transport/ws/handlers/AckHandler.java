package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.Ack;
import io.tern.protocol.AckResp;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;

/**
 * ACK (90): by msgId or cumulative per conversation. Clears the outbox (no more retries) and raises the
 * user's delivered cursor. Answered with ACK_RESP only when asked for.
 */
public final class AckHandler implements FrameHandler<Ack> {
    private final MessagesManager messages;
    private final TernMetrics metrics;

    public AckHandler(MessagesManager messages, TernMetrics metrics) {
        this.messages = messages;
        this.metrics = metrics;
    }

    @Override
    public Class<Ack> frameType() {
        return Ack.class;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Ack frame) {
        metrics.ackFrames.increment();
        if (frame.msgId() != null) {
            Message acked = session.outbox().ack(frame.msgId());
            if (acked != null) {
                messages.delivered(session.userId(), acked.conversationId(), acked.seq());
            }
        } else if (session.outbox().ack(frame.conversationId(), frame.seq()) == frame.seq()) {
            // the ack ends exactly at a push this device got: committed and delivered, nothing to check
            messages.delivered(session.userId(), frame.conversationId(), frame.seq());
        } else {
            // pulled messages, or a seq never pushed: checked against membership and clamped off the event loop;
            // an ACK is never answered with an error, so a refusal only leaves the cursor where it was
            messages.acknowledged(session, frame.conversationId(), frame.seq());
        }
        if (Boolean.TRUE.equals(frame.wantResp())) {
            ctx.writeAndFlush(new AckResp(frame.msgId(), frame.conversationId(), frame.seq()), ctx.voidPromise());
        }
    }
}
