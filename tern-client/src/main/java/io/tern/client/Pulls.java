package io.tern.client;

import io.tern.protocol.PullResp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PULL requests waiting for their page, matched by {@code reqId}. Confined to the client's event thread.
 */
final class Pulls {
    private record Waiting(boolean history, Consumer<PullResp> onPage, Consumer<TernClientException> onError) {
    }

    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private long next;

    /** Registers a catch-up or gap pull and returns the reqId to send with it. */
    String start(Consumer<PullResp> onPage, Consumer<TernClientException> onError) {
        return start(false, onPage, onError);
    }

    /** Registers a history pull, asked for by the application, and returns its reqId. */
    String startHistory(Consumer<PullResp> onPage, Consumer<TernClientException> onError) {
        return start(true, onPage, onError);
    }

    /** Hands a page to its pull; false if no pull waits for it (one from a connection that is gone). */
    boolean complete(PullResp page) {
        Waiting w = page.reqId() == null ? null : waiting.remove(page.reqId());
        if (w == null) {
            return false;
        }
        w.onPage().accept(page);
        return true;
    }

    /**
     * Fails the pull an ERROR frame most likely answers. The frame does not echo the reqId, so this guesses:
     * the oldest history pull (the application chose its conversation, which may not be the user's), else
     * the oldest pull. A wrong guess leaves the right pull waiting until its connection ends.
     */
    void failOne(TernClientException error) {
        Map.Entry<String, Waiting> chosen = null;
        for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
            if (chosen == null || e.getValue().history() && !chosen.getValue().history()) {
                chosen = e;
            }
        }
        if (chosen != null) {
            waiting.remove(chosen.getKey());
            chosen.getValue().onError().accept(error);
        }
    }

    private String start(boolean history, Consumer<PullResp> onPage, Consumer<TernClientException> onError) {
        String reqId = "p" + (++next);
        waiting.put(reqId, new Waiting(history, onPage, onError));
        return reqId;
    }

    void failAll(TernClientException error) {
        Map<String, Waiting> all = new LinkedHashMap<>(waiting);
        waiting.clear();
        all.values().forEach(w -> w.onError().accept(error));
    }
}
