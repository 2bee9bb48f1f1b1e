package io.tern.server.model;

import io.tern.protocol.ChatResp;
import io.tern.protocol.Frame;
import io.tern.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Group membership over the HTTP API (create, join, add, leave, remove), each checked against the rights of
 * protocol 8.2 as the model predicts them, and the concurrent "burst": group messages in flight while a
 * membership change (or two copies of a join) commits, after which the model learns the order from the seqs.
 */
final class GroupOps {
    /** What a request must do: HTTP status, error code, and the event it commits (null: none). */
    record Expect(int status, String error, String event, List<Long> joined, List<Long> left) {
        static Expect nothing() {
            return new Expect(200, null, null, List.of(), List.of());
        }

        static Expect refused(String error) {
            return new Expect(403, error, null, List.of(), List.of());
        }

        boolean changes() {
            return event != null;
        }
    }

    /** One HTTP request of a user, and what the model expects from it. */
    record Request(String what, long as, String method, String path, String body, Expect expect) {
    }

    private GroupOps() {
    }

    static String create(ModelDriver d, long owner, List<Long> members, boolean open) {
        String ids = members.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
        Http.Response r = d.target.http().post("/api/groups", "{\"name\":\"g\",\"memberIds\":[" + ids + "],\"open\":"
                + open + "}", token(d, owner));
        if (r.status() != 201) {
            throw new AssertionError("create group answered " + r);
        }
        String conv = "g:" + r.body().get("groupId").asLong();
        DeliveryModel.Conv c = d.model.addConv(conv, open);
        c.owner = owner;
        List<Long> all = new ArrayList<>(List.of(owner));
        all.addAll(members);
        d.step("create " + conv + (open ? " (open)" : " (closed)") + " by u" + owner + " with " + all);
        d.model.commitEvent(conv, 1, owner, Set.of("created"), all, List.of(), ++d.epoch);
        d.settle("create");
        return conv;
    }

    /** kind 0: join, 1: add, 2: leave, 3: remove; the actor of add/remove is mostly the owner. */
    static void membership(ModelDriver d, int kind, int userPick, int actorPick, int groupPick) {
        String conv = d.groups.get(groupPick % d.groups.size());
        long user = d.users.get(userPick % d.users.size());
        Long owner = d.model.conv(conv).owner;
        long actor = actorPick % 3 != 0 && owner != null ? owner : d.users.get(actorPick % d.users.size());
        Request r = switch (kind % 4) {
            case 0 -> join(d, conv, user);
            case 1 -> add(d, conv, actor, user);
            case 2 -> leave(d, conv, user);
            default -> remove(d, conv, actor, user);
        };
        d.step(r.what() + " -> expect " + r.expect().status() + " " + (r.expect().changes() ? r.expect().event() : r.expect().error()));
        Http.Response resp = call(d, r);
        if (resp.status() != r.expect().status()
                || r.expect().error() != null && !r.expect().error().equals(resp.body().path("error").path("code").asText())) {
            throw new AssertionError(r.what() + " answered " + resp + " but the model expects " + r.expect());
        }
        if (r.expect().changes()) {
            Expect e = r.expect();
            d.model.commitEvent(conv, d.model.conv(conv).last() + 1, r.as(), Set.of(e.event()), e.joined(), e.left(), ++d.epoch);
        }
        d.settle(r.what());
    }

    /**
     * Group messages from members' devices in flight while one membership change commits (a joiner's second,
     * concurrent join or add with it, if {@code twice}). The change must take exactly one seq, and every device
     * must then hold exactly its window: nothing from before a join, nothing after a leave.
     */
    static void burst(ModelDriver d, int groupPick, int userPick, int chats, boolean twice) {
        String conv = d.groups.get(groupPick % d.groups.size());
        DeliveryModel.Conv c = d.model.conv(conv);
        long user = d.users.get(userPick % d.users.size());
        List<Request> requests = new ArrayList<>();
        if (c.members.containsKey(user)) {
            requests.add(c.owner != null && c.owner != user ? remove(d, conv, c.owner, user) : leave(d, conv, user));
        } else {
            Request first = c.open || c.owner == null ? join(d, conv, user) : add(d, conv, c.owner, user);
            requests.add(first);
            if (twice && first.expect().changes()) {
                Request second = c.owner != null && c.owner != user ? add(d, conv, c.owner, user) : join(d, conv, user);
                requests.add(new Request(second.what(), second.as(), second.method(), second.path(), second.body(),
                        new Expect(200, null, second.expect().event(), first.expect().joined(), List.of())));
            }
        }
        List<ModelDevice> senders = d.devices.stream()
                .filter(x -> x.online() && x.user() != user && c.members.containsKey(x.user())).toList();
        int n = senders.isEmpty() ? 0 : chats;
        Expect change = requests.get(0).expect();
        d.step("burst in " + conv + ": " + n + " messages while " + requests.stream().map(Request::what).toList());
        // half of the messages go out before the HTTP requests, half after, so that some share a writer batch
        List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            if (i == n / 2) {
                requests.forEach(r -> answers.add(CompletableFuture.supplyAsync(() -> call(d, r), d.pool())));
            }
            keys[i] = "k" + d.nextKey();
            senders.get(i % senders.size()).ws.send(ChatOps.frame(d, conv, senders.get(i % senders.size()).user(), keys[i], keys[i]));
        }
        if (n == 0) {
            requests.forEach(r -> answers.add(CompletableFuture.supplyAsync(() -> call(d, r), d.pool())));
        }
        TreeMap<Long, Integer> bySeq = new TreeMap<>();
        ChatResp[] resps = new ChatResp[n];
        for (int i = 0; i < n; i++) {
            Frame f = ChatOps.answer(senders.get(i % senders.size()), keys[i]);
            if (!(f instanceof ChatResp r) || !conv.equals(r.conversationId())) {
                throw new AssertionError("burst message " + keys[i] + " of a member answered " + f);
            }
            resps[i] = r;
            bySeq.put(r.seq(), i);
        }
        for (int i = 0; i < requests.size(); i++) {
            Http.Response resp = answers.get(i).join();
            if (resp.status() != requests.get(i).expect().status()) {
                throw new AssertionError(requests.get(i).what() + " in a burst answered " + resp);
            }
        }
        long base = c.last();
        long end = base + n + (change.changes() ? 1 : 0);
        if (bySeq.size() != n || n > 0 && (bySeq.firstKey() <= base || bySeq.lastKey() > end)) {
            throw new AssertionError("burst in " + conv + " after seq " + base + ": message seqs " + bySeq.keySet()
                    + " do not fit in " + (base + 1) + ".." + end + " (" + n + " messages and "
                    + (change.changes() ? "one membership event" : "no event") + ")");
        }
        Set<String> kinds = new java.util.HashSet<>();
        requests.forEach(r -> kinds.add(r.expect().event()));
        for (long s = base + 1; s <= end; s++) {
            Integer i = bySeq.get(s);
            if (i == null) {
                d.model.commitEvent(conv, s, requests.get(0).as(), kinds, change.joined(), change.left(), ++d.epoch);
            } else {
                ModelDevice sender = senders.get(i % senders.size());
                DeliveryModel.Msg m = d.model.commitChat(conv, s, sender.user(), keys[i], keys[i], ++d.epoch);
                m.msgId = resps[i].msgId();
                m.ts = resps[i].ts();
                sender.placeOwn(conv, s, m.msgId);
            }
        }
        d.settle("burst");
    }

    static Request join(ModelDriver d, String conv, long user) {
        DeliveryModel.Conv c = d.model.conv(conv);
        Expect e = c.members.containsKey(user) ? Expect.nothing() : !c.open ? Expect.refused("FORBIDDEN")
                : new Expect(200, null, "joined", List.of(user), List.of());
        return new Request("u" + user + " joins " + conv, user, "POST", path(c, "/join"), "", e);
    }

    static Request add(ModelDriver d, String conv, long actor, long user) {
        DeliveryModel.Conv c = d.model.conv(conv);
        Expect e = !c.members.containsKey(actor) ? Expect.refused("NOT_A_MEMBER")
                : c.owner == null || c.owner != actor ? Expect.refused("FORBIDDEN")
                : c.members.containsKey(user) ? Expect.nothing() : new Expect(200, null, "added", List.of(user), List.of());
        return new Request("u" + actor + " adds u" + user + " to " + conv, actor, "POST", path(c, "/members"),
                "{\"userIds\":[" + user + "]}", e);
    }

    static Request leave(ModelDriver d, String conv, long user) {
        DeliveryModel.Conv c = d.model.conv(conv);
        Expect e = !c.members.containsKey(user) ? Expect.refused("NOT_A_MEMBER")
                : new Expect(200, null, "left", List.of(), List.of(user));
        return new Request("u" + user + " leaves " + conv, user, "POST", path(c, "/leave"), "", e);
    }

    static Request remove(ModelDriver d, String conv, long actor, long user) {
        DeliveryModel.Conv c = d.model.conv(conv);
        if (actor == user) {
            Request leave = leave(d, conv, user);
            return new Request("u" + actor + " removes themselves from " + conv, user, "DELETE",
                    path(c, "/members/" + user), null, leave.expect());
        }
        Expect e = !c.members.containsKey(actor) || !c.members.containsKey(user) ? Expect.refused("NOT_A_MEMBER")
                : c.owner == null || c.owner != actor ? Expect.refused("FORBIDDEN")
                : new Expect(200, null, "removed", List.of(), List.of(user));
        return new Request("u" + actor + " removes u" + user + " from " + conv, actor, "DELETE",
                path(c, "/members/" + user), null, e);
    }

    private static String path(DeliveryModel.Conv c, String rest) {
        return "/api/groups/" + c.groupId() + rest;
    }

    static Http.Response call(ModelDriver d, Request r) {
        Http http = d.target.http();
        if (r.method().equals("DELETE")) {
            return http.send(HttpRequest.newBuilder(URI.create(d.target.httpBase() + r.path())).DELETE(),
                    token(d, r.as()));
        }
        return http.post(r.path(), r.body(), token(d, r.as()));
    }

    static String token(ModelDriver d, long user) {
        return d.devices.stream().filter(x -> x.user() == user).findFirst().orElseThrow().login.token();
    }
}
