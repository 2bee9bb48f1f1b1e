package io.tern.it;

import io.tern.client.Message;
import io.tern.client.MessageListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one client's application saw: every message the SDK handed to the listener (after its de-duplication
 * and ordering), so a test can check each arrived exactly once and in seq order per conversation.
 */
final class Inbox implements MessageListener {
    private final String owner;
    private final Map<String, Integer> timesSeen = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> seqsByConversation = new HashMap<>();

    Inbox(String owner) {
        this.owner = owner;
    }

    @Override
    public void onMessage(Message message) {
        timesSeen.merge(message.msgId(), 1, Integer::sum);
        synchronized (seqsByConversation) {
            seqsByConversation.computeIfAbsent(message.conversationId(), c -> new ArrayList<>()).add(message.seq());
        }
    }

    boolean has(String msgId) {
        return timesSeen.containsKey(msgId);
    }

    /** Messages seen more than once, and conversations whose seqs did not strictly increase. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        timesSeen.forEach((id, n) -> {
            if (n != 1) {
                out.add(owner + " saw " + id + " " + n + " times");
            }
        });
        synchronized (seqsByConversation) {
            seqsByConversation.forEach((conversation, seqs) -> {
                for (int i = 1; i < seqs.size(); i++) {
                    if (seqs.get(i) <= seqs.get(i - 1)) {
                        out.add(owner + " got " + conversation + " seq " + seqs.get(i) + " after " + seqs.get(i - 1));
                    }
                }
            });
        }
        return out;
    }
}
