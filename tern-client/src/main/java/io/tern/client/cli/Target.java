package io.tern.client.cli;

import io.tern.client.GroupInfo;
import io.tern.client.Sent;
import io.tern.client.TernClient;
import java.util.concurrent.CompletableFuture;

/**
 * Where messages go: a user or a group, with the conversation id the server files them under and the label
 * the console shows ({@code bob}, {@code #team}).
 */
record Target(String conversationId, long id, boolean group, String label) {

    static Target user(long userId, String username, long me) {
        return new Target("p:" + Math.min(userId, me) + ":" + Math.max(userId, me), userId, false, username);
    }

    static Target group(GroupInfo group) {
        return new Target(group.conversationId(), group.groupId(), true, "#" + group.name());
    }

    CompletableFuture<Sent> send(TernClient client, String text) {
        return group ? client.sendToGroup(id, text) : client.send(id, text);
    }

    CompletableFuture<Sent> send(TernClient client, io.tern.protocol.RawJson content) {
        return group ? client.sendToGroup(id, content) : client.send(id, content);
    }
}
