package io.tern.bench.load;

import io.tern.bench.report.DeliveryCheck;

/**
 * The loss and duplicate check of one (sender, receiver) stream after the run: every message that got a
 * CHAT_RESP must have been received, exactly once, under the seq the CHAT_RESP gave.
 */
final class DeliveryChecker {
    private DeliveryChecker() {
    }

    /**
     * {@code label} names the stream in examples; {@code countUnresolved}: count sends without an answer here
     * (once per sender, not per receiver).
     */
    static DeliveryCheck compare(String label, SendLedger send, ReceiveLedger recv, OrderTracker order,
                                 boolean countUnresolved) {
        long expected = 0;
        long received = 0;
        long missing = 0;
        long mismatch = 0;
        long afterError = 0;
        long unresolved = 0;
        java.util.List<String> examples = new java.util.ArrayList<>();
        for (long m = 0; m < send.count(); m++) {
            long a = send.seq(m);
            long r = recv.seq(m);
            if (r != 0) {
                received++;
            }
            if (a > 0) {
                expected++;
                if (r == 0) {
                    missing++;
                    example(examples, label + ": message " + m + " (seq " + a + ") never arrived");
                } else if (r != a) {
                    mismatch++;
                    example(examples, label + ": message " + m + " accepted as seq " + a + ", received as seq " + r);
                }
            } else if (a == 0) {
                unresolved++;
            } else if (r != 0) {
                afterError++;
                example(examples, label + ": message " + m + " refused with an ERROR but received as seq " + r);
            }
        }
        if (recv.duplicates() > 0) {
            example(examples, label + ": " + recv.duplicates() + " messages received under a second seq");
        }
        if (order != null) {
            order.examples().forEach(e -> example(examples, e));
        }
        return new DeliveryCheck(expected, received, missing, recv.duplicates(), order == null ? 0 : order.outOfOrder(),
                mismatch, afterError, recv.redelivered(), countUnresolved ? unresolved : 0, examples);
    }

    private static void example(java.util.List<String> examples, String e) {
        if (examples.size() < OrderTracker.EXAMPLES) {
            examples.add(e);
        }
    }
}
