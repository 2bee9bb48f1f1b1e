package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The loss and duplicate check after a run. {@code expected}: deliveries owed (accepted messages times
 * their receivers). {@code missing}: owed but never received; {@code duplicates}: the same bench message
 * received under two different seqs (stored twice); {@code outOfOrder}: a new message with a seq not above
 * the last one the connection got; {@code seqMismatch}: received under another seq than its CHAT_RESP
 * said; {@code deliveredAfterError}: received although the send was answered with an ERROR.
 * {@code redelivered}: the same seq pushed again (the server's retry of a push whose ACK was late; a
 * client de-duplicates it by seq, so it is not counted as a duplicate). {@code unresolved}: sends that got
 * neither CHAT_RESP nor ERROR before the drain timeout. {@code examples}: the first few anomalies, to look
 * up on the server.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeliveryCheck(long expected, long received, long missing, long duplicates, long outOfOrder,
                            long seqMismatch, long deliveredAfterError, long redelivered, long unresolved,
                            List<String> examples) {
    /** At most this many examples of anomalies are kept. */
    public static final int MAX_EXAMPLES = 10;

    public DeliveryCheck {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    public DeliveryCheck(long expected, long received, long missing, long duplicates, long outOfOrder,
                         long seqMismatch, long deliveredAfterError, long redelivered, long unresolved) {
        this(expected, received, missing, duplicates, outOfOrder, seqMismatch, deliveredAfterError, redelivered,
                unresolved, List.of());
    }

    @JsonProperty("ok")
    public boolean ok() {
        return missing == 0 && duplicates == 0 && outOfOrder == 0 && seqMismatch == 0 && deliveredAfterError == 0;
    }

    public DeliveryCheck plus(DeliveryCheck o) {
        List<String> all = new ArrayList<>(examples);
        for (String e : o.examples) {
            if (all.size() < MAX_EXAMPLES) {
                all.add(e);
            }
        }
        return new DeliveryCheck(expected + o.expected, received + o.received, missing + o.missing,
                duplicates + o.duplicates, outOfOrder + o.outOfOrder, seqMismatch + o.seqMismatch,
                deliveredAfterError + o.deliveredAfterError, redelivered + o.redelivered, unresolved + o.unresolved,
                all);
    }

    public static DeliveryCheck empty() {
        return new DeliveryCheck(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
