package io.tern.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An activity listener for tests: records every read receipt and typing notice, in order. */
final class Activities implements ActivityListener {
    record Read(String conversationId, long userId, long seq) {
    }

    record Typing(String conversationId, long userId) {
    }

    private final List<Read> reads = new CopyOnWriteArrayList<>();
    private final List<Typing> typing = new CopyOnWriteArrayList<>();

    @Override
    public void onRead(String conversationId, long userId, long seq) {
        reads.add(new Read(conversationId, userId, seq));
    }

    @Override
    public void onTyping(String conversationId, long userId) {
        typing.add(new Typing(conversationId, userId));
    }

    List<Read> reads() {
        return List.copyOf(reads);
    }

    List<Typing> typing() {
        return List.copyOf(typing);
    }
}
