package io.tern.bench.load;

/**
 * Seq order on one receiving connection in one conversation: every new message must come with a seq
 * above the last one. Gaps are allowed (pushes only cover the bench's own messages; missing ones are
 * caught by the ledger check), going back is not.
 */
public final class OrderTracker {
    /** Examples kept per connection, for the report: enough to find the messages in the server's store. */
    static final int EXAMPLES = 3;

    private final String label;
    private final java.util.List<String> examples = new java.util.ArrayList<>();
    private long last;
    private long outOfOrder;

    /** {@code label} names the receiving connection in examples, e.g. "member 17". */
    public OrderTracker(String label) {
        this.label = label;
    }

    void next(long seq) {
        if (seq <= last) {
            outOfOrder++;
            if (examples.size() < EXAMPLES) {
                examples.add(label + " got seq " + seq + " after seq " + last);
            }
        } else {
            last = seq;
        }
    }

    java.util.List<String> examples() {
        return examples;
    }

    public long outOfOrder() {
        return outOfOrder;
    }
}
