package io.tern.server.core.push;

import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.Message;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the committed message log past the worker's own cursor (one per conversation, moved in the same
 * transaction as the jobs it creates) and raises one job per recipient device and conversation. The log is the
 * outbox: a crash before the cursor moved reads the same messages again, and raising a job to a seq it already
 * has changes nothing, so no message is lost and none is counted twice.
 */
final class LogTail {
    private static final int HEADS_PER_SCAN = 500;
    private static final int MESSAGES_PER_HEAD = 500;
    /** Scans between saves of cursors that raised no job. */
    static final int SAVE_EVERY = 20;
    /** Cursors held in memory only, at most; beyond, they are saved at once. */
    private static final int MAX_UNSAVED = 10_000;

    private final PushStore store;
    private final Clock clock;
    private final long lookbackMillis;
    /**
     * Cursors moved past messages that raised no job (nobody there has a push device), not saved yet. Saving
     * them every scan would be a write transaction, an fsync and a turn at SQLite's write lock four times a
     * second, competing with the message writer for nothing; after a crash the worker just reads those
     * messages again, and raising a job to a seq it has is a no-op.
     */
    private final Map<String, Long> unsaved = new HashMap<>();
    private int scansSinceSave;
    /** The watermark as last saved or seen; -1 until read once. */
    private long watermark = -1;

    LogTail(PushStore store, Clock clock, long lookbackMillis) {
        this.store = store;
        this.clock = clock;
        this.lookbackMillis = lookbackMillis;
    }

    /** One pass; returns how many conversations moved. */
    int scan() {
        if (watermark < 0) {
            // the first start begins now: messages stored before push existed are not notified
            watermark = store.watermark(clock.millis());
        }
        // a wall clock stepped back stamps new commits below the watermark: rescan from now, not from there
        long since = Math.min(watermark, clock.millis()) - lookbackMillis;
        List<PushStore.Advance> advances = new ArrayList<>();
        boolean raised = false;
        for (PushStore.Head head : store.changed(since, HEADS_PER_SCAN)) {
            String id = head.conversationId();
            long known = Math.max(head.cursor(), unsaved.getOrDefault(id, -1L));
            if (known >= head.lastSeq()) {
                continue; // moved in memory already
            }
            long after = Math.max(0, known);
            long minTs = known < 0 ? since : Long.MIN_VALUE;
            long[] direct = ConversationIds.directMembers(id);
            List<PushStore.Window> windows = direct == null ? store.windows(id, after, head.lastSeq()) : List.of();
            Map<Long, List<Long>> devices = store.deviceRefs(users(direct, windows));
            // nobody here has a push device: nothing to read, the cursor just moves to the end
            List<Message> messages = devices.isEmpty() ? List.of()
                    : store.messages(id, after, head.lastSeq(), minTs, MESSAGES_PER_HEAD);
            long cursor = messages.size() < MESSAGES_PER_HEAD ? head.lastSeq() : messages.get(messages.size() - 1).seq();
            watermark = Math.max(watermark, head.lastTs());
            List<PushStore.JobUpdate> updates = updates(id, direct, windows, devices, messages);
            raised |= !updates.isEmpty();
            unsaved.remove(id);
            advances.add(new PushStore.Advance(id, cursor, updates));
        }
        if (raised || ++scansSinceSave >= SAVE_EVERY || unsaved.size() + advances.size() > MAX_UNSAVED) {
            unsaved.forEach((id, cursor) -> advances.add(new PushStore.Advance(id, cursor, List.of())));
            unsaved.clear();
            scansSinceSave = 0;
            store.enqueue(advances, watermark);
        } else {
            advances.forEach(a -> unsaved.put(a.conversationId(), a.cursor()));
        }
        return advances.size();
    }

    private static Set<Long> users(long[] direct, List<PushStore.Window> windows) {
        Set<Long> users = new HashSet<>();
        if (direct != null) {
            users.add(direct[0]);
            users.add(direct[1]);
        } else {
            windows.forEach(w -> users.add(w.userId()));
        }
        return users;
    }

    private static List<PushStore.JobUpdate> updates(String conversationId, long[] direct,
                                                     List<PushStore.Window> windows, Map<Long, List<Long>> devices,
                                                     List<Message> messages) {
        if (devices.isEmpty()) {
            return List.of();
        }
        Map<Long, PushStore.JobUpdate> byDevice = new LinkedHashMap<>();
        for (Message m : messages) {
            PushContent content = PushContent.parse(m.content());
            if (!content.notifiable()) {
                continue;
            }
            for (long user : recipients(m, direct, windows)) {
                for (long ref : devices.getOrDefault(user, List.of())) {
                    boolean mentioned = content.mentions().contains(user);
                    byDevice.merge(ref, new PushStore.JobUpdate(ref, conversationId, m.seq(), 1, mentioned),
                            (a, b) -> new PushStore.JobUpdate(ref, conversationId, Math.max(a.seq(), b.seq()),
                                    a.messages() + b.messages(), a.mentioned() || b.mentioned()));
                }
            }
        }
        return List.copyOf(byDevice.values());
    }

    /** Everyone who may see the message except its sender (whose own devices need no notification). */
    private static Set<Long> recipients(Message m, long[] direct, List<PushStore.Window> windows) {
        Set<Long> out = new HashSet<>();
        if (direct != null) {
            out.add(direct[0]);
            out.add(direct[1]);
        } else {
            windows.stream().filter(w -> w.contains(m.seq())).forEach(w -> out.add(w.userId()));
        }
        out.remove(m.fromId());
        return out;
    }
}
