package io.tern.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An activity listener for tests: records every read receipt, typing and presence notice, in order. */
final class Activities implements ActivityListener {
    record Read(String conversationId, long userId, long seq) {
    }

    record Typing(String conversationId, long userId) {
    }

    record Presence(long userId, boolean online) {
    }

    private final List<Presence> presence = new CopyOnWriteArrayList<>();
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

    @Override
    public void onPresence(long userId, boolean online, long lastSeen) {
        presence.add(new Presence(userId, online));
    }

    List<Presence> presence() {
        return List.copyOf(presence);
    }

    List<Read> reads() {
        return List.copyOf(reads);
    }

    List<Typing> typing() {
        return List.copyOf(typing);
    }
}
