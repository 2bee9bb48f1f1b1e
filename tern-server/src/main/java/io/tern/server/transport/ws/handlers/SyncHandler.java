package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.FrameType;
import io.tern.protocol.Sync;
import io.tern.server.core.message.MessageQueries;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;
import io.tern.server.transport.ws.Replies;

/** SYNC (100): answered with SYNC_RESP (101), one summary per conversation the device lacks messages of. */
public final class SyncHandler implements FrameHandler<Sync> {
    private final MessageQueries messages;
    private final Replies replies;

    public SyncHandler(MessageQueries messages, Replies replies) {
        this.messages = messages;
        this.replies = replies;
    }

    @Override
    public Class<Sync> frameType() {
        return Sync.class;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Sync frame) {
        // Read only once the cluster routes pushes to this session: whatever the read misses is pushed.
        session.routed().thenCompose(routed -> messages.sync(session.userId(), frame))
                .whenComplete((resp, err) -> replies.reply(ctx, err, null, frame.reqId(), FrameType.SYNC, () -> resp));
    }
}
