package io.tern.server.core.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.message.GroupCommand.Decided;
import io.tern.server.core.message.GroupCommand.EventBuilder;
import io.tern.server.core.message.GroupCommand.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where the content of every group event message (contentType 100) is made: membership
 * changes, role, mute, settings, ownership, dissolve and ban. Each method answers the builder the writer
 * calls with what it decided inside the commit, so an event names exactly the users it affected.
 */
public final class GroupEvents {
    /** The contentType of group event messages. */
    public static final int CONTENT_TYPE = 100;

    private GroupEvents() {
    }

    static EventBuilder created(long actorId, String name) {
        return d -> content(actorId, "created", d, Map.of("name", name));
    }

    static EventBuilder added(long actorId) {
        return d -> content(actorId, "added", d, Map.of());
    }

    static EventBuilder joined(long actorId, boolean byInvite) {
        return d -> content(actorId, "joined", d, byInvite ? Map.of("invite", true) : Map.of());
    }

    /** A leave; when the owner left, the member who inherits the group. */
    static EventBuilder left(long actorId) {
        return d -> content(actorId, "left", d, d.newOwnerId() != 0 ? Map.of("ownerId", d.newOwnerId()) : Map.of());
    }

    static EventBuilder removed(long actorId) {
        return d -> content(actorId, "removed", d, Map.of());
    }

    static EventBuilder roleChanged(long actorId, Role role) {
        return d -> content(actorId, "roleChanged", d, Map.of("role", role.wireName()));
    }

    static EventBuilder muted(long actorId, boolean muted, Long until) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("muted", muted);
        if (muted && until != null) {
            extra.put("mutedUntil", until);
        }
        return d -> content(actorId, "muted", d, extra);
    }

    /** The settings the writer found changed (a field given with its current value is left out). */
    static EventBuilder updated(long actorId) {
        return d -> content(actorId, "updated", d, settings(d.changed()));
    }

    private static Map<String, Object> settings(Settings s) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (s.name() != null) {
            extra.put("name", s.name());
        }
        if (s.description() != null) {
            extra.put("description", s.description());
        }
        if (s.open() != null) {
            extra.put("open", s.open());
        }
        if (s.adminsOnly() != null) {
            extra.put("adminsOnly", s.adminsOnly());
        }
        return extra;
    }

    static EventBuilder ownerChanged(long actorId) {
        return d -> content(actorId, "ownerChanged", d, Map.of("previousOwnerId", actorId));
    }

    static EventBuilder dissolved(long actorId) {
        return d -> content(actorId, "dissolved", d, Map.of());
    }

    /** A member banned is removed at the same seq ("removed" with "banned"); anyone else gets "banned". */
    static EventBuilder banned(long actorId) {
        return d -> d.removed() ? content(actorId, "removed", d, Map.of("banned", true))
                : content(actorId, "banned", d, Map.of());
    }

    static EventBuilder unbanned(long actorId) {
        return d -> content(actorId, "unbanned", d, Map.of());
    }

    private static String content(long actorId, String event, Decided decided, Map<String, Object> extra) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("contentType", CONTENT_TYPE);
        content.put("event", event);
        content.put("actorId", actorId);
        content.put("userIds", decided.users());
        content.putAll(extra);
        try {
            return FrameCodec.mapper().writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
