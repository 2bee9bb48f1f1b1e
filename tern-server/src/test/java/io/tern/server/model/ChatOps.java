package io.tern.server.model;

import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.Read;
import io.tern.server.support.Frames;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebSocket operations that write: send, resend, reuse of a clientMsgId with other content, and READ.
 * Each resolves its abstract indexes against the online devices, checks the answer against the model,
 * records what was committed, and settles.
 */
final class ChatOps {
    private ChatOps() {
    }

    static void send(ModelDriver d, int device, int target) {
        ModelDevice from = d.online(device);
        if (from == null) {
            return;
        }
        List<String> targets = targets(d, from.user());
        int n = d.nextKey();
        sendAndCheck(d, from, targets.get(target % targets.size()), "c" + n, "b" + n);
    }

    /** The same clientMsgId and content again: the original msgId, seq and ts, nothing new stored. */
    static void resend(ModelDriver d, int device, int pick) {
        ModelDevice from = d.online(device);
        List<DeliveryModel.Msg> mine = from == null ? List.of() : d.model.chatsOf(from.user());
        if (mine.isEmpty()) {
            return;
        }
        DeliveryModel.Msg m = mine.get(pick % mine.size());
        d.step("resend " + m + " key " + m.clientMsgId + " by " + from.name);
        from.ws.send(frame(d, m.conv, from.user(), m.clientMsgId, m.body));
        Frame answer = answer(from, m.clientMsgId);
        if (!(answer instanceof ChatResp r) || !r.msgId().equals(m.msgId) || r.seq() != m.seq
                || !r.conversationId().equals(m.conv) || r.ts() != m.ts) {
            d.fail("resend of " + m + " (msgId " + m.msgId + ", ts " + m.ts + ") answered " + answer);
        }
        d.settle("resend");
    }

    /** The same clientMsgId with different content: refused (DESIGN 4.4), never acknowledged as the old message. */
    static void reuseKey(ModelDriver d, int device, int pick) {
        ModelDevice from = d.online(device);
        List<DeliveryModel.Msg> mine = from == null ? List.of() : d.model.chatsOf(from.user());
        if (mine.isEmpty()) {
            return;
        }
        DeliveryModel.Msg m = mine.get(pick % mine.size());
        String body = "other-" + d.nextKey();
        d.step("reuse key " + m.clientMsgId + " of " + m + " with '" + body + "' by " + from.name);
        from.ws.send(frame(d, m.conv, from.user(), m.clientMsgId, body));
        Frame answer = answer(from, m.clientMsgId);
        if (!(answer instanceof ErrorFrame e) || e.refType() == null || e.refType() != 80) {
            d.fail("clientMsgId " + m.clientMsgId + " reused with different content was answered " + answer
                    + " instead of a conflict error");
        }
        d.settle("reuse key");
    }

    /** READ up to a seq that may lie beyond the conversation's end: notices carry a seq within it. */
    static void read(ModelDriver d, int device, int conversation, int seqPick) {
        ModelDevice reader = d.online(device);
        DeliveryModel model = d.model;
        List<String> convs = reader == null ? List.of() : model.convIds().stream()
                .filter(c -> model.conv(c).isGroup() || model.isMember(c, reader.user())).toList();
        if (convs.isEmpty()) {
            return;
        }
        String conv = convs.get(conversation % convs.size());
        long last = model.conv(conv).last();
        long seq = seqPick % (last + 3);
        d.step("read " + conv + " up to " + seq + " (last " + last + ") by " + reader.name);
        reader.ws.send(new Read(conv, seq));
        if (!model.isMember(conv, reader.user())) {
            reader.errors.add("110/NOT_A_MEMBER");
        } else {
            for (ModelDevice o : d.devices) {
                boolean same = o.user() == reader.user();
                if (o != reader && o.online() && (same || !model.conv(conv).isGroup() && model.isMember(conv, o.user()))) {
                    o.notices.add(new ModelDevice.Notice(conv, reader.user(), Math.min(seq, last), last));
                }
            }
        }
        d.settle("read");
    }

    static void sendAndCheck(ModelDriver d, ModelDevice from, String conv, String key, String body) {
        DeliveryModel model = d.model;
        boolean member = model.isMember(conv, from.user()) || !model.conv(conv).isGroup();
        d.step("send '" + body + "' to " + conv + " by " + from.name + (member ? "" : " (not a member)"));
        from.ws.send(frame(d, conv, from.user(), key, body));
        Frame answer = answer(from, key);
        if (!member) {
            if (!(answer instanceof ErrorFrame e) || !"NOT_A_MEMBER".equals(e.error())) {
                d.fail("send by a non-member to " + conv + " answered " + answer + " instead of NOT_A_MEMBER");
            }
        } else if (answer instanceof ChatResp r && r.conversationId().equals(conv)) {
            DeliveryModel.Msg m = model.commitChat(conv, r.seq(), from.user(), key, body, ++d.epoch);
            m.msgId = r.msgId();
            m.ts = r.ts();
            from.placeOwn(conv, r.seq(), r.msgId());
        } else {
            d.fail("send to " + conv + " answered " + answer + "; expected CHAT_RESP with seq " + (model.conv(conv).last() + 1));
        }
        d.settle("send");
    }

    static String frame(ModelDriver d, String conv, long from, String key, String body) {
        DeliveryModel.Conv c = d.model.conv(conv);
        if (c.isGroup()) {
            return Frames.groupChat(key, c.groupId(), body);
        }
        String[] ids = conv.substring(2).split(":");
        long to = Long.parseLong(ids[0]) == from ? Long.parseLong(ids[1]) : Long.parseLong(ids[0]);
        return Frames.chat(key, to, body);
    }

    /** The CHAT_RESP or ERROR for a clientMsgId; other frames stay queued, to be processed in order by settle. */
    static Frame answer(ModelDevice d, String key) {
        return d.ws.next(Frame.class, f -> f instanceof ChatResp r && key.equals(r.clientMsgId())
                || f instanceof ErrorFrame e && key.equals(e.clientMsgId()));
    }

    private static List<String> targets(ModelDriver d, long user) {
        List<String> out = new ArrayList<>();
        d.users.stream().filter(u -> u != user).forEach(u -> out.add(DeliveryModel.direct(user, u)));
        out.addAll(d.groups);
        return out;
    }
}
