package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ChatSend;
import io.tern.protocol.FrameType;
import io.tern.server.core.media.MediaContents;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;
import io.tern.server.transport.ws.Replies;
import java.util.concurrent.CompletableFuture;

/**
 * CHAT (80): send a message; CHAT_RESP (81) follows the commit, an ERROR frame any failure. A message that
 * references media is checked on the blocking pool first; the messages of one connection still reach the
 * writer in the order they came, so a text sent right after a photo is not committed before it.
 */
public final class ChatHandler implements FrameHandler<ChatSend> {
    /** Completes once the connection's latest message has been handed to the writer (or failed). */
    private static final AttributeKey<CompletableFuture<Void>> HANDED = AttributeKey.valueOf("tern.chat.handed");

    private final MessagesManager messages;
    private final MediaContents contents;
    private final Replies replies;

    public ChatHandler(MessagesManager messages, MediaContents contents, Replies replies) {
        this.messages = messages;
        this.contents = contents;
        this.replies = replies;
    }

    @Override
    public Class<ChatSend> frameType() {
        return ChatSend.class;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, ChatSend frame) {
        CompletableFuture<ChatSend> resolved = contents.resolve(session.userId(), frame);
        CompletableFuture<Void> before = ctx.channel().attr(HANDED).get();
        if (before != null && !before.isDone()) {
            resolved = before.thenCombine(resolved, (ignored, chat) -> chat);
        }
        CompletableFuture<Void> handed = new CompletableFuture<>();
        CompletableFuture<Message> sent = resolved.handle((chat, err) -> {
            try {
                return err != null ? CompletableFuture.<Message>failedFuture(err) : messages.send(session, chat);
            } finally {
                handed.complete(null);
            }
        }).thenCompose(f -> f);
        if (!handed.isDone()) {
            ctx.channel().attr(HANDED).set(handed);
        }
        sent.whenComplete((m, err) -> replies.reply(ctx, err, frame.clientMsgId(), FrameType.CHAT,
                () -> new ChatResp(frame.clientMsgId(), m.msgId(), m.conversationId(), m.seq(), m.ts())));
    }
}
