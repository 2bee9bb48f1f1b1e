package io.tern.server.model;

import io.tern.protocol.AckResp;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ConversationSummary;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.Kick;
import io.tern.protocol.Pong;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.SyncResp;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One device of a user, as a client that follows protocol 7.7: per conversation it keeps {@code last} (it
 * holds every visible message up to it), drops pushes with seq <= last, pulls when a push leaves a gap, and
 * places its own messages from CHAT_RESP. Every frame it sees is checked against the model as it is processed.
 */
final class ModelDevice {
    /** A READ_NOTIFY this device must get: seq within [lo, hi]. */
    record Notice(String conv, long userId, long lo, long hi) {
    }

    final TestUser login;
    final String name;
    private final DeliveryModel model;
    WsTestClient ws;
    final Holdings holds;
    // per connection
    private final Map<String, Long> maxPushed = new HashMap<>();
    private final Set<String> pushedIds = new HashSet<>();
    private final Map<String, Long> pulling = new HashMap<>();
    final List<Notice> notices = new ArrayList<>();
    final List<String> errors = new ArrayList<>(); // "refType/ERROR_NAME" still to come
    int ackResps;
    private boolean pong = true;
    private final java.util.ArrayDeque<Map<String, Long>> syncs = new java.util.ArrayDeque<>(); // SYNCs awaiting SYNC_RESP
    int syncedEpoch = Integer.MAX_VALUE;
    boolean shuttingDown;

    ModelDevice(TestUser login, String name, DeliveryModel model) {
        this.login = login;
        this.name = name;
        this.model = model;
        this.holds = new Holdings((conv, seq) -> model.betweenWindows(login.userId(), conv, seq));
    }

    long user() {
        return login.userId();
    }

    boolean online() {
        return ws != null;
    }

    long last(String conv) {
        return holds.last(conv);
    }

    void connect(String wsUrl, Map<String, Long> cursors) {
        ws = WsTestClient.connect(wsUrl + "?token=" + login.token());
        maxPushed.clear();
        pushedIds.clear();
        pulling.clear();
        notices.clear();
        errors.clear();
        ackResps = 0;
        pong = true;
        shuttingDown = false;
        syncs.clear();
        sync(cursors);
    }

    /** Processes what has already arrived, then drops the connection (a client that crashes or goes offline). */
    void disconnect() {
        for (Frame f; (f = ws.poll(Duration.ZERO)) != null; ) {
            process(f);
        }
        ws.close();
        ws = null;
    }

    /** Sends PING: {@link #settled} is false until the PONG (and so every frame sent before it) is processed. */
    void barrier() {
        pong = false;
        ws.send("{\"type\":40}");
    }

    boolean settled() {
        if (!pong || !syncs.isEmpty() || !pulling.isEmpty() || !notices.isEmpty() || !errors.isEmpty() || ackResps > 0) {
            return false;
        }
        for (String conv : model.convIds()) {
            if (last(conv) != model.lastVisible(user(), conv) || holds.hasGap(conv)) {
                return false;
            }
        }
        return true;
    }

    String state() {
        return name + " last=" + holds.last + " pulling=" + pulling + " notices=" + notices + " errors=" + errors
                + " ackResps=" + ackResps + " pong=" + pong + " syncing=" + syncs.size();
    }

    /** Places the device's own message, acknowledged by CHAT_RESP, at its seq. */
    void placeOwn(String conv, long seq, String msgId) {
        holds.store(conv, seq, msgId);
    }

    void process(Frame f) {
        if (f instanceof ChatPush p) {
            push(p);
        } else if (f instanceof PullResp r) {
            page(r);
        } else if (f instanceof SyncResp s) {
            summaries(s);
        } else if (f instanceof ReadNotify n) {
            notice(n);
        } else if (f instanceof io.tern.protocol.PresenceNotify) {
            // a chat partner came or went: a hint, not part of the delivery contract the model checks
        } else if (f instanceof ErrorFrame e) {
            error(e);
        } else if (f instanceof AckResp) {
            ackResps--;
        } else if (f instanceof Pong) {
            pong = true;
        } else if (f instanceof io.tern.protocol.SyncHint) {
            // cluster: pushes may have been lost (a node died); catch up by cursor, as after a reconnect
            Map<String, Long> cursors = new HashMap<>();
            model.convIds().forEach(c -> cursors.put(c, last(c)));
            sync(cursors);
        } else if (f instanceof io.tern.protocol.Ping) {
            ws.send("{\"type\":41}"); // the server's keep-alive, after a long quiet spell
        } else if (!(f instanceof Kick k && shuttingDown && Kick.SHUTDOWN.equals(k.reason()))) {
            fail("an unexpected frame " + f);
        }
    }

    private void push(ChatPush p) {
        check(p, "push");
        String conv = p.conversationId();
        // a message new to this device must come after every push before it; a copy of a held one is a
        // duplicate (a retry, or a resend's push after a restart) and is dropped by the seq <= last rule
        if (pushedIds.add(p.msgId()) && holds.at(conv, p.seq()) == null) {
            long max = maxPushed.getOrDefault(conv, 0L);
            if (p.seq() <= max) {
                fail("push of seq " + p.seq() + " after a push of seq " + max + " on the same connection (out of order)");
            }
            maxPushed.put(conv, p.seq());
        }
        if (p.seq() > last(conv) + 1 && syncedEpoch != Integer.MAX_VALUE) {
            for (long s = last(conv) + 1; s < p.seq(); s++) {
                DeliveryModel.Msg m = model.msg(conv, s);
                if (!model.pushesMaySkip && holds.at(conv, s) == null && model.required(user(), conv, s)
                        && m.epoch > syncedEpoch) {
                    fail("push of seq " + p.seq() + " but seq " + s + " (" + m + "), committed while this device was"
                            + " online and caught up, was never pushed before it");
                }
            }
        }
        holds.store(conv, p.seq(), p.msgId());
        if (holds.hasGap(conv) && !pulling.containsKey(conv)) {
            pull(conv, last(conv));
        }
    }

    private void page(PullResp r) {
        String conv = r.conversationId();
        Long after = pulling.remove(conv);
        if (after == null) {
            fail("a PULL_RESP nobody asked for: " + r);
        }
        long prev = after;
        for (ChatPush p : r.messages()) {
            check(p, "page");
            for (long s = prev + 1; prev != after && s < p.seq(); s++) {
                if (model.allowed(user(), conv, s)) {
                    fail("page after " + after + " is not contiguous: " + prev + " then " + p.seq()
                            + ", skipping seq " + s + " of the user's windows");
                }
            }
            for (long s = prev + 1; prev == after && s < p.seq(); s++) {
                if (model.required(user(), conv, s) && holds.at(conv, s) == null) {
                    fail("page after " + after + " starts at " + p.seq() + ", skipping seq " + s + " of the user's window");
                }
            }
            if (prev == after && p.seq() > last(conv) + 1) {
                holds.skipTo(conv, p.seq() - 1); // the server says what lies before is outside the window
            }
            holds.store(conv, p.seq(), p.msgId());
            prev = p.seq();
        }
        if (r.hasMore()) {
            pull(conv, prev);
        } else if (holds.hasGap(conv)) {
            if (r.messages().isEmpty()) {
                fail("the last page after " + after + " is empty but seq " + holds.firstAhead(conv)
                        + " is held ahead of last=" + last(conv));
            }
            pull(conv, last(conv));
        }
    }

    private void sync(Map<String, Long> cursors) {
        syncedEpoch = Integer.MAX_VALUE; // catching up: gaps in pushes are not judged until settled
        syncs.add(cursors);
        ws.send(new io.tern.protocol.Sync(cursors, "sync"));
    }

    private void summaries(SyncResp s) {
        Map<String, Long> cursors = syncs.poll();
        if (cursors == null) {
            fail("an unexpected SYNC_RESP " + s);
        }
        StringBuilder problem = new StringBuilder();
        List<ConversationSummary> pulls = SyncCheck.check(model, user(), cursors, s, problem);
        if (pulls == null) {
            fail(problem.toString());
        }
        for (ConversationSummary c : pulls) {
            check(c.last(), "summary");
            if (!pulling.containsKey(c.conversationId())) {
                pull(c.conversationId(), c.afterSeq());
            }
        }
    }

    private void notice(ReadNotify n) {
        for (int i = 0; i < notices.size(); i++) {
            Notice e = notices.get(i);
            if (e.conv().equals(n.conversationId()) && e.userId() == n.userId()) {
                if (n.seq() < e.lo() || n.seq() > e.hi()) {
                    fail("READ_NOTIFY " + n + " but its seq must lie in [" + e.lo() + ", " + e.hi()
                            + "] (never beyond the conversation's last seq)");
                }
                notices.remove(i);
                return;
            }
        }
        fail("an unexpected READ_NOTIFY " + n);
    }

    private void error(ErrorFrame e) {
        if (!errors.remove(e.refType() + "/" + e.error())) {
            fail("an unexpected ERROR " + e);
        }
    }

    private void pull(String conv, long after) {
        pulling.put(conv, after);
        ws.send(Pull.after(conv, after, 50));
    }

    private void check(ChatPush p, String how) {
        String wrong = model.judge(user(), p);
        if (wrong != null) {
            fail(how + " of " + wrong);
        }
        String mine = holds.at(p.conversationId(), p.seq());
        if (mine != null && !mine.equals(p.msgId())) {
            fail(how + " of " + p + " but the device holds " + mine + " at that seq");
        }
    }

    String windows(String conv) {
        return model.windowsText(user(), conv);
    }

    private void fail(String what) {
        throw new AssertionError("device " + name + " (u" + user() + "): " + what);
    }
}
