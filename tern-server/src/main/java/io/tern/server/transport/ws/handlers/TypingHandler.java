package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.FrameType;
import io.tern.protocol.Typing;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;
import io.tern.server.transport.ws.Replies;

/** TYPING (120): relayed as TYPING_NOTIFY (121) to the other members' devices; never stored, throttled. */
public final class TypingHandler implements FrameHandler<Typing> {
    private final MessagesManager messages;
    private final Replies replies;

    public TypingHandler(MessagesManager messages, Replies replies) {
        this.messages = messages;
        this.replies = replies;
    }

    @Override
    public Class<Typing> frameType() {
        return Typing.class;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Typing frame) {
        // the membership is read off the event loop; only a refusal is answered
        messages.typing(session, frame.conversationId()).whenComplete((ok, err) -> {
            if (err != null) {
                replies.reply(ctx, err, null, FrameType.TYPING, () -> null);
            }
        });
    }
}
