package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.FrameType;
import io.tern.protocol.Pull;
import io.tern.server.core.message.MessageQueries;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;
import io.tern.server.transport.ws.Replies;

/** PULL (102): answered with PULL_RESP (103), one page of a conversation the user belongs to. */
public final class PullHandler implements FrameHandler<Pull> {
    private final MessageQueries messages;
    private final Replies replies;

    public PullHandler(MessageQueries messages, Replies replies) {
        this.messages = messages;
        this.replies = replies;
    }

    @Override
    public Class<Pull> frameType() {
        return Pull.class;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Pull frame) {
        messages.pull(session.userId(), frame)
                .whenComplete((resp, err) -> replies.reply(ctx, err, null, frame.reqId(), FrameType.PULL, () -> resp));
    }
}
