package io.tern.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.session.KickOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What nodes publish to each other, as text: a header line {@code <kind> <numbers>} and, for pushes and
 * notices, the frame itself after a newline — the same JSON bytes every recipient's socket gets, encoded
 * once by the node that committed the message.
 *
 * @param kind   {@link #PUSH}, {@link #NOTICE}, {@link #GROUP_CHANGED}, {@link #SYNC_ALL}, {@link #ROUTE_CHANGED}
 *               {@link #SYNC_USERS} or {@link #KICK}
 * @param ids    recipients (users) of a push or notice; the group id of GROUP_CHANGED; empty for SYNC_ALL; the
 *               user of ROUTE_CHANGED; the users of SYNC_USERS; user and sending node of KICK
 * @param frame  the frame of a push or notice, the order (JSON) of a kick, null otherwise
 */
record ClusterMessage(char kind, long[] ids, String frame) {
    private static final ObjectMapper JSON = FrameCodec.mapper();
    /** A stored message: recipients' sessions take it into their outboxes. */
    static final char PUSH = 'P';
    /** A typing or read notice: written once, not retried. */
    static final char NOTICE = 'N';
    /** A group's members changed: drop the cached member list. */
    static final char GROUP_CHANGED = 'G';
    /** A node's pushes may have been lost: every client should SYNC. */
    static final char SYNC_ALL = 'S';
    /** A user's device routes changed: drop the cached ones. */
    static final char ROUTE_CHANGED = 'R';
    /** These users' devices should SYNC: a push may have followed a stale route. */
    static final char SYNC_USERS = 'U';
    /** Close sessions of a user (logout, revocation, a newer device): ids are user and sending node. */
    static final char KICK = 'K';

    static ClusterMessage push(List<Long> users, byte[] frame) {
        return new ClusterMessage(PUSH, users.stream().mapToLong(Long::longValue).toArray(),
                new String(frame, StandardCharsets.UTF_8));
    }

    static ClusterMessage notice(List<Long> users, byte[] frame) {
        return new ClusterMessage(NOTICE, users.stream().mapToLong(Long::longValue).toArray(),
                new String(frame, StandardCharsets.UTF_8));
    }

    static ClusterMessage groupChanged(long groupId) {
        return new ClusterMessage(GROUP_CHANGED, new long[] {groupId}, null);
    }

    static ClusterMessage routeChanged(long userId) {
        return new ClusterMessage(ROUTE_CHANGED, new long[] {userId}, null);
    }

    /** Several users' routes changed at once (a node rewrote its routes after an outage). */
    static ClusterMessage routesChanged(long... users) {
        return new ClusterMessage(ROUTE_CHANGED, users, null);
    }

    static ClusterMessage syncUsers(long... users) {
        return new ClusterMessage(SYNC_USERS, users, null);
    }

    static ClusterMessage kick(KickOrder order, int fromNode) {
        ObjectNode body = JSON.createObjectNode();
        body.put("only", order.onlyToken());
        body.put("keep", order.keepToken());
        body.put("reason", order.reason());
        return new ClusterMessage(KICK, new long[] {order.userId(), fromNode}, body.toString());
    }

    /** The order of a {@link #KICK}. */
    KickOrder kickOrder() {
        try {
            JsonNode body = JSON.readTree(frame);
            return new KickOrder(ids[0], body.path("only").asText(null), body.path("keep").asText(null),
                    body.path("reason").asText());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad kick order: " + frame, e);
        }
    }

    static ClusterMessage syncAll() {
        return new ClusterMessage(SYNC_ALL, new long[0], null);
    }

    String encode() {
        StringBuilder out = new StringBuilder(frame == null ? 32 : frame.length() + 16 + ids.length * 8);
        out.append(kind).append(' ');
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(ids[i]);
        }
        if (frame != null) {
            out.append('\n').append(frame);
        }
        return out.toString();
    }

    /** Parses a published payload; throws IllegalArgumentException for anything malformed. */
    static ClusterMessage decode(String payload) {
        int newline = payload.indexOf('\n');
        String header = newline < 0 ? payload : payload.substring(0, newline);
        if (header.length() < 2 || header.charAt(1) != ' ') {
            throw new IllegalArgumentException("bad cluster message header: " + header);
        }
        char kind = header.charAt(0);
        String numbers = header.substring(2);
        long[] ids = numbers.isEmpty() ? new long[0]
                : Arrays.stream(numbers.split(",")).mapToLong(Long::parseLong).toArray();
        String frame = newline < 0 ? null : payload.substring(newline + 1);
        if ((kind == PUSH || kind == NOTICE || kind == KICK) && frame == null) {
            throw new IllegalArgumentException("a push, notice or kick without a body");
        }
        return new ClusterMessage(kind, ids, frame);
    }
}
