package io.tern.server.core.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The msgIds this node pushed lately (bounded, oldest forgotten first). A resend that the store answers as a
 * duplicate of a message this node did not push — its first commit failed ambiguously here, or another node
 * committed it and died before its push went out — is pushed again, so its recipients do not wait for the
 * next message or reconnect to learn of it. A duplicate of a message pushed here is not pushed twice.
 */
final class RecentPushes {
    private final Map<String, Boolean> ids;

    RecentPushes(int capacity) {
        this.ids = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(String msgId) {
        ids.put(msgId, Boolean.TRUE);
    }

    synchronized boolean contains(String msgId) {
        return ids.containsKey(msgId);
    }
}
