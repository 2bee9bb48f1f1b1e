package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.FrameType;
import io.tern.protocol.Read;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;
import io.tern.server.transport.ws.Replies;

/** READ (110): moves the user's read cursor; other devices and the one-to-one peer get READ_NOTIFY (111). */
public final class ReadHandler implements FrameHandler<Read> {
    private final MessagesManager messages;
    private final Replies replies;

    public ReadHandler(MessagesManager messages, Replies replies) {
        this.messages = messages;
        this.replies = replies;
    }

    @Override
    public Class<Read> frameType() {
        return Read.class;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Read frame) {
        // the membership is read off the event loop; only a refusal is answered
        messages.read(session, frame.conversationId(), frame.seq()).whenComplete((ok, err) -> {
            if (err != null) {
                replies.reply(ctx, err, null, FrameType.READ, () -> null);
            }
        });
    }
}
