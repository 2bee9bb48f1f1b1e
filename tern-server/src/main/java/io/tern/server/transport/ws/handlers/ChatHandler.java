package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ChatSend;
import io.tern.protocol.FrameType;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;
import io.tern.server.transport.ws.Replies;

/** CHAT (80): send a message; CHAT_RESP (81) follows the commit, an ERROR frame any failure. */
public final class ChatHandler implements FrameHandler<ChatSend> {
    private final MessagesManager messages;
    private final Replies replies;

    public ChatHandler(MessagesManager messages, Replies replies) {
        this.messages = messages;
        this.replies = replies;
    }

    @Override
    public Class<ChatSend> frameType() {
        return ChatSend.class;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, ChatSend frame) {
        messages.send(session, frame).whenComplete((m, err) -> replies.reply(ctx, err, frame.clientMsgId(),
                FrameType.CHAT, () -> new ChatResp(frame.clientMsgId(), m.msgId(), m.conversationId(), m.seq(), m.ts())));
    }
}
