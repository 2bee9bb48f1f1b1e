package io.tern.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.Http;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store holds, asked over HTTP history as each user: exactly the user's windows of every
 * conversation, every message as committed (so nothing acknowledged was lost, e.g. across a restart), and
 * NOT_A_MEMBER for a group the user never belonged to.
 */
final class HistoryCheck {
    private HistoryCheck() {
    }

    static void verify(ModelDriver driver, String when) {
        DeliveryModel model = driver.model;
        for (ModelDevice d : driver.devices) {
            if (!d.name.endsWith("/d1")) {
                continue; // one look per user
            }
            for (String conv : model.convIds()) {
                if (!model.conv(conv).isGroup() && !List.of(conv.substring(2).split(":")).contains(String.valueOf(d.user()))) {
                    continue; // someone else's one-to-one conversation
                }
                long[] w = model.latest(d.user(), conv);
                if (w == null && model.conv(conv).isGroup()) {
                    Http.Response r = driver.target.http().get("/api/conversations/" + conv + "/messages?afterSeq=0",
                            d.login.token());
                    if (r.status() != 403) {
                        throw new AssertionError(when + ": history of " + conv + " for u" + d.user()
                                + ", never a member, answered " + r);
                    }
                    continue;
                }
                List<Long> expected = new ArrayList<>();
                for (long s = 1; s <= model.lastVisible(d.user(), conv); s++) {
                    if (w == null || model.allowed(d.user(), conv, s)) {
                        expected.add(s);
                    }
                }
                List<ChatPush> got = history(driver, d, conv);
                List<Long> seqs = got.stream().map(ChatPush::seq).toList();
                if (!seqs.equals(expected)) {
                    throw new AssertionError(when + ": history of " + conv + " for u" + d.user() + " has seqs " + seqs
                            + " but the user's windows " + d.windows(conv) + " holds " + expected);
                }
                for (ChatPush p : got) {
                    String bad = model.msg(conv, p.seq()).mismatch(p);
                    if (bad != null) {
                        throw new AssertionError(when + ": history of " + conv + "#" + p.seq() + ": " + bad);
                    }
                }
            }
        }
    }

    private static List<ChatPush> history(ModelDriver driver, ModelDevice d, String conv) {
        List<ChatPush> out = new ArrayList<>();
        long after = 0;
        while (true) {
            Http.Response r = driver.target.http().get("/api/conversations/" + conv + "/messages?afterSeq=" + after
                    + "&limit=500", d.login.token());
            if (r.status() != 200) {
                throw new AssertionError("history of " + conv + " for u" + d.user() + " answered " + r);
            }
            for (JsonNode m : r.body().get("messages")) {
                try {
                    out.add(FrameCodec.mapper().treeToValue(m, ChatPush.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError("unreadable message " + m, e);
                }
                after = out.get(out.size() - 1).seq();
            }
            if (!r.body().get("hasMore").asBoolean()) {
                return out;
            }
        }
    }
}
