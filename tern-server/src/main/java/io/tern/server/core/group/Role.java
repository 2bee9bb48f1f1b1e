package io.tern.server.core.group;

import java.util.Locale;

/** A member's role; stored as its ordinal, so the order is fixed: MEMBER &lt; ADMIN &lt; OWNER. */
public enum Role {
    MEMBER, ADMIN, OWNER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean outranks(Role other) {
        return compareTo(other) > 0;
    }
}
