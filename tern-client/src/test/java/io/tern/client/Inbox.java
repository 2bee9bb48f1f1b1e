package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A message listener for tests: records everything it is given, in the order given. */
final class Inbox implements MessageListener {
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Message message) {
        messages.add(message);
    }

    List<Message> messages() {
        return new ArrayList<>(messages);
    }

    List<Message> of(String conversationId) {
        return messages.stream().filter(m -> m.conversationId().equals(conversationId)).toList();
    }

    List<String> texts(String conversationId) {
        return of(conversationId).stream().map(Message::text).toList();
    }

    /** Every seq from 1 to {@code lastSeq} exactly once, ascending: nothing lost, duplicated or reordered. */
    void assertExactlyInOrder(String conversationId, long firstSeq, long lastSeq) {
        List<Long> seqs = of(conversationId).stream().map(Message::seq).toList();
        List<Long> expected = new ArrayList<>();
        for (long s = firstSeq; s <= lastSeq; s++) {
            expected.add(s);
        }
        assertThat(seqs).containsExactlyElementsOf(expected);
    }
}
